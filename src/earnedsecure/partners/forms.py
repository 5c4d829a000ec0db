from dataclasses import dataclass

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


@dataclass(frozen=True)
class ChoiceGroup:
    """One choice field as a page shows it: a fieldset of radio buttons or tick boxes in plain HTML."""

    name: str
    legend: str
    kind: str  # "radio" or "checkbox"
    required: bool
    options: tuple[tuple[str, str, bool], ...]  # (value, words, chosen)


class PlainChoicesForm(forms.Form):
    """A form of choice fields only, shown with ``partners/_choices.html`` instead of Django's widget templates.

    The form stays the one definition of the choices, their words and the initial choice, and checks what comes
    back; the page just lists them. Django's radio and tick-box templates cost about 1 ms a field to render, more
    than everything else on the Together page's cards together.
    """

    @property
    def choice_groups(self) -> list[ChoiceGroup]:
        groups = []
        for bound in self:
            widget = bound.field.widget
            chosen = set(widget.format_value(bound.value()))  # the widget's own reading: strings, "" for None
            groups.append(
                ChoiceGroup(
                    name=bound.html_name,
                    legend=str(bound.label),
                    kind="checkbox" if widget.allow_multiple_selected else "radio",
                    required=bound.field.required,
                    options=tuple(
                        (str(value), str(words), str(value) in chosen) for value, words in bound.field.choices
                    ),
                )
            )
        return groups


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


class CategoriesForm(PlainChoicesForm):
    categories = forms.MultipleChoiceField(
        label="What your partner may see",
        required=False,
        choices=[(c.value, f"{CATEGORY_TEXT[c][0]}: {CATEGORY_TEXT[c][1]}") for c in Category],
        widget=forms.CheckboxSelectMultiple,
    )


class StatusForm(PlainChoicesForm):
    status = forms.ChoiceField(
        label="Choose one",
        required=False,
        choices=[("", "No status")] + [(s.value, STATUS_TEXT[s]) for s in Status],
        widget=forms.RadioSelect,
    )


class TimeoutTermsForm(PlainChoicesForm):
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
