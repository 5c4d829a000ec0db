from django import forms

from earnedsecure.core.free_text import FreeTextField, LimitedTextarea
from earnedsecure.domain.together.rituals import CHECK_IN_QUESTIONS
from earnedsecure.domain.together.sharing import (
    CATEGORY_TEXT,
    CODE_LENGTH,
    SAFETY_QUESTIONS,
    STATUS_TEXT,
    Category,
    Status,
)
from earnedsecure.domain.together.timeouts import LONGEST, PLACES

YES_NO = [("no", "No"), ("yes", "Yes")]


class SafetyScreenForm(forms.Form):
    """The four private questions before linking. Its answers are read once and never stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question in SAFETY_QUESTIONS:
            self.fields[key] = forms.ChoiceField(label=question, choices=YES_NO, widget=forms.RadioSelect)

    def answers(self) -> dict[str, bool]:
        return {key: self.cleaned_data[key] == "yes" for key, _ in SAFETY_QUESTIONS}


class CodeForm(forms.Form):
    code = forms.CharField(
        label="The code your partner gave you",
        max_length=CODE_LENGTH * 2,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class CategoriesForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label="What your partner may see",
        required=False,
        choices=[(c.value, f"{CATEGORY_TEXT[c][0]}: {CATEGORY_TEXT[c][1]}") for c in Category],
        widget=forms.CheckboxSelectMultiple,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Choose one",
        required=False,
        choices=[("", "No status")] + [(s.value, STATUS_TEXT[s]) for s in Status],
        widget=forms.RadioSelect,
    )


class TimeoutTermsForm(forms.Form):
    longest_minutes = forms.TypedChoiceField(
        label="The longest a time-out may last",
        choices=list(LONGEST.items()),
        coerce=int,
        widget=forms.RadioSelect,
    )
    place = forms.ChoiceField(
        label="Where to come back to", choices=list(PLACES.items()), required=False, widget=forms.RadioSelect
    )


class CheckInForm(forms.Form):
    """This week's check-in: the three questions, each in one's own words; ``share`` only while linked."""

    def __init__(self, *args, partner_name: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, question, hint in CHECK_IN_QUESTIONS:
            self.fields[key] = FreeTextField(
                label=question, help_text=hint, required=False, widget=LimitedTextarea(attrs={"rows": 3})
            )
        if partner_name:
            self.fields["share"] = forms.BooleanField(
                label=f"Show my answers this week to {partner_name}", required=False
            )

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(key) or "").strip() for key, _, _ in CHECK_IN_QUESTIONS):
            raise forms.ValidationError("Answer at least one question. A few words are enough.")
        return cleaned

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key, _, _ in CHECK_IN_QUESTIONS}
