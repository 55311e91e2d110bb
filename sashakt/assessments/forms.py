from django import forms
from django.utils.translation import gettext_lazy as _

from sashakt.assessments.models import Education, QuestionKind

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
OPTION_ROWS = 5


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        required=False,
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )


class ScheduleForm(forms.Form):
    opens_at = _datetime_field(_("Opens at"))
    closes_at = _datetime_field(_("Closes at"))
    time_limit_minutes = forms.IntegerField(
        label=_("Time limit (minutes)"),
        min_value=1,
        max_value=300,
        required=False,
        help_text=_("Empty means no limit."),
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The test must close after it opens."))
        return data


class QuestionForm(forms.Form):
    module = forms.ModelChoiceField(queryset=None, label=_("Module"))
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text_hi = forms.CharField(
        label=_("Question (Hindi)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("Question (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        for n in range(1, OPTION_ROWS + 1):
            self.fields[f"option_{n}_hi"] = forms.CharField(
                label=_("Option %(n)s (Hindi)") % {"n": n}, required=False, max_length=300
            )
            self.fields[f"option_{n}_en"] = forms.CharField(
                label=_("Option %(n)s (English)") % {"n": n}, required=False, max_length=300
            )
            self.fields[f"option_{n}_correct"] = forms.BooleanField(
                label=_("Correct"), required=False
            )

    def option_rows(self):
        return [
            (self[f"option_{n}_hi"], self[f"option_{n}_en"], self[f"option_{n}_correct"])
            for n in range(1, OPTION_ROWS + 1)
        ]

    def options(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "text_hi": data.get(f"option_{n}_hi", ""),
                "text_en": data.get(f"option_{n}_en", ""),
                "is_correct": data.get(f"option_{n}_correct", False),
            }
            for n in range(1, OPTION_ROWS + 1)
        ]


class MarkForm(forms.Form):
    marks = forms.TypedChoiceField(
        label=_("Marks"),
        coerce=float,
        choices=[("0", "0"), ("0.5", "½"), ("1", "1")],
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))


class EducationForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Education (as declared)"),
        choices=[("", _("Not declared")), *Education.choices],
        required=False,
    )


class QuestionEditForm(forms.Form):
    text_hi = forms.CharField(
        label=_("Question (Hindi)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("Question (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    active = forms.BooleanField(label=_("In use"), required=False)

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_pks = []
        for option in question.options.all():
            n = option.pk
            self.option_pks.append(n)
            self.fields[f"option_{n}_hi"] = forms.CharField(
                label=_("Option (Hindi)"), required=False, max_length=300, initial=option.text_hi
            )
            self.fields[f"option_{n}_en"] = forms.CharField(
                label=_("Option (English)"), required=False, max_length=300, initial=option.text_en
            )
            self.fields[f"option_{n}_correct"] = forms.BooleanField(
                label=_("Correct"), required=False, initial=option.is_correct
            )

    def option_rows(self):
        return [
            (self[f"option_{n}_hi"], self[f"option_{n}_en"], self[f"option_{n}_correct"])
            for n in self.option_pks
        ]

    def options(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "pk": n,
                "text_hi": data.get(f"option_{n}_hi", ""),
                "text_en": data.get(f"option_{n}_en", ""),
                "is_correct": data.get(f"option_{n}_correct", False),
            }
            for n in self.option_pks
        ]
