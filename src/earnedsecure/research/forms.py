from django import forms
from django.utils import timezone

from earnedsecure.domain.research.deidentify import GENDERS, NOT_SAID, RELATIONSHIPS


class JoinForm(forms.Form):
    """Joining a study: the few questions a study asks, and the agreement itself (never pre-ticked)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    birth_year = forms.IntegerField(
        label="Year you were born",
        help_text="Released only as an age band (over 89 as 90+), never the year.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
    )
    gender = forms.ChoiceField(label="Gender", choices=list(GENDERS.items()), initial=NOT_SAID)
    relationship = forms.ChoiceField(
        label="How long you have been in your current relationship",
        choices=list(RELATIONSHIPS.items()),
        initial=NOT_SAID,
    )
    agree = forms.BooleanField(label="I have read the text above and I agree to take part in this study")

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        this_year = timezone.now().year
        if not this_year - 120 <= year <= this_year - 18:
            raise forms.ValidationError("Please give the year you were born; this app is for adults.")
        return year
