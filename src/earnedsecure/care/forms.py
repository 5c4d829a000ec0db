"""Forms of the care app. Every choice is derived from the one definition it names: the categories from
``models.Category``, the tools from ``domain.cycle``, lessons and programs from ``content``."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from earnedsecure.care.models import CATEGORY_DETAIL, Category, Homework, Therapist
from earnedsecure.care.services import DEFAULT_GRANT_DAYS, GRANT_DAYS
from earnedsecure.content.loader import get_lesson, get_program, load_lessons, load_programs
from earnedsecure.diary.tools import tool_url
from earnedsecure.domain.cycle import TOOLS


class GrantForm(forms.Form):
    therapist = forms.ModelChoiceField(queryset=Therapist.objects.none(), label="Your therapist", empty_label=None)
    categories = forms.MultipleChoiceField(
        choices=[(value, f"{label}: {CATEGORY_DETAIL[value]}") for value, label in Category.choices],
        widget=forms.CheckboxSelectMultiple,
        label="What they may see",
    )
    days = forms.TypedChoiceField(
        choices=[(days, f"{days} days") for days in GRANT_DAYS],
        coerce=int,
        initial=DEFAULT_GRANT_DAYS,
        label="For how long",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapist"].queryset = Therapist.objects.exclude(user=owner).order_by("display_name", "pk")


def _suggestions() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        ("Calming tools", [(f"tool:{tool.slug}", tool.label) for tool in TOOLS]),
        ("Lessons", [(f"lesson:{lesson.slug}", lesson.title) for lesson in load_lessons()]),
        ("Programs", [(f"program:{program.slug}", program.title) for program in load_programs()]),
    ]


class HomeworkForm(forms.Form):
    suggestion = forms.ChoiceField(choices=_suggestions, label="Suggest")

    def clean_suggestion(self) -> tuple[str, str]:
        kind, _, slug = self.cleaned_data["suggestion"].partition(":")
        return kind, slug


def homework_target(homework: Homework) -> tuple[str, str]:
    """The suggestion's label and address, from the app's own vocabulary and content."""
    if homework.kind == Homework.Kind.TOOL:
        tool = TOOLS.by_slug(homework.slug)
        return (tool.label, tool_url(tool)) if tool else (homework.slug, "")
    if homework.kind == Homework.Kind.LESSON:
        return get_lesson(homework.slug).title, reverse("journey:lesson", args=[homework.slug])
    return get_program(homework.slug).title, reverse("journey:program", args=[homework.slug])
