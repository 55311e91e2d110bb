from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sashakt.logistics.models import Bed, RoomGender


class BlockForm(forms.Form):
    name_hi = forms.CharField(label=_("name (Hindi)"), max_length=120)
    name_en = forms.CharField(label=_("name (English)"), max_length=120)


class RoomForm(forms.Form):
    number = forms.CharField(label=_("room number"), max_length=20)
    floor = forms.IntegerField(label=_("floor"), min_value=-2, max_value=40, initial=0)
    beds = forms.IntegerField(label=_("beds"), min_value=1, max_value=40, initial=2)
    gender = forms.ChoiceField(label=_("for"), choices=RoomGender.choices, initial=RoomGender.ANY)
    accessible = forms.BooleanField(
        label=_("accessible (step-free, wide door, accessible toilet)"), required=False
    )


class MoveForm(forms.Form):
    bed = forms.ChoiceField(label=_("bed"))
    reason = forms.CharField(
        label=_("reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, beds: Iterable[tuple[Bed, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["bed"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(bed.pk, label) for bed, label in beds]
