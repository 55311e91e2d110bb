# ruff: noqa: E501 -- the msgids must match Django's, character for character
"""Django's own form and password messages whose Hindi (in Django's catalogue) has slips:
"यह क्षेत्र अपेक्षित हैं" for "This field is required.", a space before every "।", old words
("संचिका", "कूटशब्द"). Our catalogue in locale/hi comes before Django's and says them again;
nothing imports this module: it is here so that `make messages` extracts the msgids and keeps
them."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

DJANGO_STRINGS = (
    _("Enter a valid URL."),
    _("Enter a valid IPv4 address."),
    _("Enter only digits separated by commas."),
    _("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    _("Enter a number."),
    _("This field cannot be null."),
    _("%(model_name)s with this %(field_label)s already exists."),
    _("This field is required."),
    _("Enter a whole number."),
    _("Enter a valid date."),
    _("Enter a valid time."),
    _("Enter a valid date/time."),
    _("No file was submitted. Check the encoding type on the form."),
    _("No file was submitted."),
    _("The submitted file is empty."),
    _("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("Enter a list of values."),
    _("Select a valid choice. That choice is not one of the available choices."),
    _("Your old password was entered incorrectly. Please enter it again."),
    _("Enter a new password for the user <strong>%(username)s</strong>."),
    _("Your password has been set.  You may go ahead and log in now."),
    _("Please enter your new password twice so we can verify you typed it in correctly."),
    _(
        "The password reset link was invalid, possibly because it has already been used.  Please request a new password reset."
    ),
    _("Thanks for using our site!"),
)

# `timeuntil` and `timesince` ("2 days, 23 hours" left on a test): Django has no Hindi for them.
DJANGO_TIME_SPANS = (
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
)
