from django import forms
from django.utils.translation import gettext_lazy as _

from sashakt.notifications.models import MessageTemplate


class MessageTemplateForm(forms.ModelForm):
    """The editor's form; the model's `clean` refuses unknown placeholders and long texts."""

    class Meta:
        model = MessageTemplate
        fields = ["text_hi", "text_en", "dlt_template_id", "sender_id"]
        widgets = {
            "text_hi": forms.Textarea(attrs={"rows": 4, "lang": "hi"}),
            "text_en": forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        }

    def __init__(self, *args, preview_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if preview_url:
            # The preview and the SMS count follow the typing (htmx, no script of our own).
            for name in ("text_hi", "text_en"):
                self.fields[name].widget.attrs.update(
                    {
                        "hx-post": preview_url,
                        "hx-trigger": "keyup changed delay:300ms",
                        "hx-target": "#template-preview",
                        "hx-include": "closest form",
                    }
                )


class OptOutForm(forms.Form):
    mobile = forms.CharField(label=_("Mobile"), max_length=20)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
