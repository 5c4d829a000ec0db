"""Forms for the diary pages. They only parse and check input; saving goes through services.py.

Date and time fields are read in the person's own time zone (PersonTimeZoneMiddleware activates it).
"""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from earnedsecure.core.forms import scale_field
from earnedsecure.core.free_text import FreeTextField, LimitedTextarea
from earnedsecure.core.widgets import (
    OnePassCheckboxSelectMultiple,
    OnePassDateInput,
    OnePassDateTimeInput,
    OnePassRadioSelect,
    OnePassSelect,
    OnePassTextInput,
)
from earnedsecure.diary.models import ProtestResult, Response, Tool, Trigger
from earnedsecure.domain.cycle import PROTEST_BEHAVIOURS, RESPONSES, TRIGGERS
from earnedsecure.domain.limits import date_out_of_range

LOCAL_DATETIME = OnePassDateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]

# What the flow offers instead of a protest, first; a protest already done stays honest and recordable.
FLOW_RESPONSES = [
    (key, RESPONSES.get(key).offer)
    for key in (Response.WAITED, Response.SOOTHING, Response.DIRECT, Response.PROTEST, Response.OTHER)
]
# The urges in the diary's own words ("Calling or texting again and again").
URGES = [(behaviour.key, behaviour.urge) for behaviour in PROTEST_BEHAVIOURS]

CALM_AFTER = [
    ("", "Choose…"),
    ("15", "About 15 minutes"),
    ("30", "About half an hour"),
    ("60", "About an hour"),
    ("120", "A couple of hours"),
    ("240", "About four hours"),
    ("480", "Most of the day"),
    ("1440", "About a day"),
    ("2880", "Two days"),
    ("4320", "Three days or more"),
    ("not_yet", "I'm not calm yet"),
]

FEELING_MINUTES = [
    ("", "Choose…"),
    ("5", "A few minutes"),
    ("20", "About 20 minutes"),
    ("60", "About an hour"),
    ("180", "A few hours"),
    ("480", "Most of the day"),
    ("1440", "All day or longer"),
]


class ActivationFlowForm(forms.Form):
    """The "I'm activated" flow: name it, look at the story, choose a response. Only the first two are needed."""

    trigger = forms.ChoiceField(
        label="What set it off?",
        choices=Trigger.choices,
        widget=OnePassRadioSelect,
        error_messages={"required": f"Choose what set it off, or “{TRIGGERS.get(Trigger.OTHER).label}”."},
    )
    intensity = scale_field("How strong is it right now?", help_text="0 is calm, 10 is the most intense.")
    trigger_note = FreeTextField(
        label="What happened, in a few words",
        required=False,
        widget=LimitedTextarea(attrs={"rows": 2}),
    )
    body_sensations = FreeTextField(
        label="Where do I feel it in my body?",
        required=False,
        widget=OnePassTextInput(attrs={"placeholder": "tight chest, hot face, restless hands…"}),
    )
    thought = FreeTextField(
        label="What story is my mind telling me?",
        required=False,
        widget=LimitedTextarea(attrs={"rows": 3}),
    )
    urges = forms.MultipleChoiceField(
        label="What do I feel the urge to do?",
        choices=URGES,
        required=False,
        widget=OnePassCheckboxSelectMultiple,
    )
    response = forms.ChoiceField(
        label="What will I do instead?", choices=FLOW_RESPONSES, required=False, widget=OnePassRadioSelect
    )
    response_note = FreeTextField(
        label="A direct message, or what I did",
        required=False,
        widget=LimitedTextarea(attrs={"rows": 3}),
        help_text="For example: “I notice I'm feeling anxious when I don't hear from you. Could you send a quick text when you get a moment?”",
    )
    occurred_at = forms.DateTimeField(
        label="When did it start?",
        required=False,
        widget=LOCAL_DATETIME,
        input_formats=DATETIME_FORMATS,
        help_text="Leave empty for now.",
    )


class ActivationForm(ActivationFlowForm):
    """The full entry, for editing later: adds the outcome, the time calm came back and the protest result.

    It is about a moment that has passed, so it asks about then (the flow asks "How strong is it right now?").
    """

    PAST_TENSE = {
        "intensity": ("How strong was it then?", "0 is calm, 10 is the most intense."),
        "body_sensations": ("Where did I feel it in my body?", ""),
        "thought": ("What story was my mind telling me?", ""),
        "urges": ("What did I feel the urge to do?", ""),
        "occurred_at": ("When did it start?", "Leave empty to keep the time it has."),
    }

    response = forms.ChoiceField(
        label="What did I do?", choices=[("", "Not recorded"), *Response.choices], required=False, widget=OnePassSelect
    )
    outcome = FreeTextField(label="What actually happened?", required=False, widget=LimitedTextarea(attrs={"rows": 3}))
    calm_at = forms.DateTimeField(
        label="When did I feel calm again?", required=False, widget=LOCAL_DATETIME, input_formats=DATETIME_FORMATS
    )
    protest_result = forms.ChoiceField(
        label="If I protested: did it work?",
        choices=[("", "Not recorded"), *ProtestResult.choices],
        required=False,
        widget=OnePassSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, help_text) in self.PAST_TENSE.items():
            self.fields[name].label = label
            self.fields[name].help_text = help_text

    def clean(self):
        data = super().clean()
        if data.get("protest_result") and data.get("response") != Response.PROTEST:
            self.add_error("protest_result", "Only for a protest behaviour; choose it under “What did I do?”.")
        return data


class FollowUpForm(forms.Form):
    """Hours later: close the loop."""

    outcome = FreeTextField(
        label="What actually happened?",
        required=False,
        widget=LimitedTextarea(attrs={"rows": 3}),
        help_text="For example: “He was in a meeting and called at lunch.”",
    )
    calm_after = forms.ChoiceField(label="When did you feel calm again?", choices=CALM_AFTER, required=False)
    calm_at = forms.DateTimeField(
        label="Or the exact time",
        required=False,
        widget=LOCAL_DATETIME,
        input_formats=DATETIME_FORMATS,
    )
    protest_result = forms.ChoiceField(
        label="Did the protest get you what you wanted?",
        choices=ProtestResult.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, activation, **kwargs):
        super().__init__(*args, **kwargs)
        self.activation = activation
        if activation.response != Response.PROTEST:
            del self.fields["protest_result"]

    def clean(self):
        data = super().clean()
        calm_at = data.get("calm_at")
        after = data.get("calm_after")
        if calm_at is None and after and after != "not_yet":
            calm_at = self.activation.occurred_at + timedelta(minutes=int(after))
        if calm_at is not None:
            if calm_at < self.activation.occurred_at:
                self.add_error("calm_at", "Calm again has to be after it started.")
            elif calm_at > timezone.now() + timedelta(minutes=5):
                field = "calm_at" if data.get("calm_at") else "calm_after"
                self.add_error(field, "That is still in the future; choose a shorter time or “I'm not calm yet”.")
        data["calm_moment"] = calm_at
        if not data.get("outcome") and calm_at is None and not data.get("protest_result"):
            raise forms.ValidationError("Answer at least one question, or come back later.")
        return data


class ToolSessionForm(forms.Form):
    distress_before = scale_field("How distressed are you right now?", help_text="0 is calm, 10 is the most.")
    distress_after = scale_field("And now, after the exercise?", required=False)
    duration_seconds = forms.IntegerField(required=False, min_value=0, max_value=24 * 3600, widget=forms.HiddenInput)
    activation = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = FreeTextField(
        label="Anything you noticed (optional)",
        required=False,
        widget=LimitedTextarea(attrs={"rows": 2}),
    )


class GroundingForm(ToolSessionForm):
    """5-4-3-2-1: the answers are for the moment, not for the diary; only the ratings are kept."""

    see = FreeTextField(label="5 things you can see", required=False, widget=forms.TextInput)
    touch = FreeTextField(label="4 things you can touch or feel", required=False, widget=forms.TextInput)
    hear = FreeTextField(label="3 things you can hear", required=False, widget=forms.TextInput)
    smell = FreeTextField(label="2 things you can smell", required=False, widget=forms.TextInput)
    taste = FreeTextField(label="1 thing you can taste", required=False, widget=forms.TextInput)


TOOL_FORMS = {Tool.GROUNDING_54321: GroundingForm}


class SavouringForm(forms.Form):
    what_happened = FreeTextField(
        label="What happened?",
        widget=LimitedTextarea(attrs={"rows": 3}),
        help_text="A small moment counts: a look, a joke, a hand on your back.",
    )
    with_partner = forms.BooleanField(label="It was with my partner", required=False, initial=True)
    feeling_minutes = forms.TypedChoiceField(
        label="How long did the good feeling last?",
        choices=FEELING_MINUTES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="How long a good feeling lasts matters more than how strong it is.",
    )
    thanked_partner = forms.BooleanField(label="I thanked them for something specific", required=False)
    occurred_at = forms.DateTimeField(
        label="When?",
        required=False,
        widget=LOCAL_DATETIME,
        input_formats=DATETIME_FORMATS,
        help_text="Leave empty for now.",
    )


LOCAL_DATE = OnePassDateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PageForm(forms.Form):
    """Which page of a list (the diary's entries, the good moments), sent by GET; anything else is the first."""

    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)

    def number(self) -> int:
        return (self.cleaned_data.get("page") if self.is_valid() else None) or 1


class DiarySearchForm(PageForm):
    """The diary's search and paging, sent by GET: entries that began between two days (in the person's own
    time zone, both days included) and had one trigger, a page at a time."""

    since = forms.DateField(label="From", required=False, widget=LOCAL_DATE)
    until = forms.DateField(label="To", required=False, widget=LOCAL_DATE)
    trigger = forms.ChoiceField(
        label="What set it off", choices=[("", "Anything"), *Trigger.choices], required=False, widget=OnePassSelect
    )

    def clean(self):
        data = super().clean()
        for name in ("since", "until"):
            if data.get(name) and (problem := date_out_of_range(data[name])):
                self.add_error(name, problem)
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "This day is before the first one; choose a later day.")
        return data

    def searching(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.get(name) for name in ("since", "until", "trigger"))

    def filters(self) -> dict:
        """Arguments for diary.selectors.activation_page: the days as the first moments of the local days."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        return {
            "number": self.number(),
            "since": timezone.make_aware(datetime.combine(since, time.min)) if since else None,
            "until": timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min)) if until else None,
            "trigger": data.get("trigger") or "",
        }
