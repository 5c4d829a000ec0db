from django import forms

from earnedsecure.coach.models import Outcome
from earnedsecure.coach.rewrite import PARTS
from earnedsecure.core.forms import scale_field
from earnedsecure.core.free_text import FreeTextField, LimitedTextarea
from earnedsecure.domain import cycle

INTENSITY_HELP = "0 is calm, 10 is the most intense you can imagine."
TRIGGER_CHOICES = [("", "I'm not sure / skip"), *((trigger.key, trigger.label) for trigger in cycle.TRIGGERS)]
VERDICTS = [("fits", "Yes, this fits"), ("no", "No, not this"), ("unsure", "Not sure")]


def _text(label, *, required=False, rows=3, help_text="", if_empty=""):
    """A box for the person's words; ``if_empty`` is what a required one says when left empty."""
    return FreeTextField(
        label=label,
        required=required,
        help_text=help_text,
        strip=True,
        widget=LimitedTextarea(attrs={"rows": rows}),
        error_messages={"required": if_empty} if if_empty else None,
    )


def _verdict():
    """The person's answer to one suggestion (a thinking trap, a protest behaviour)."""
    return forms.ChoiceField(
        label="Does this fit?",
        choices=VERDICTS,
        initial="unsure",
        required=False,  # no answer means "not sure"
        widget=forms.RadioSelect,
    )


class CalmForm(forms.Form):
    """Labels are questions or phrases of their own; no trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ThoughtStartForm(CalmForm):
    """Step one: notice. The situation, the thought, the feeling and how strong it is."""

    situation = _text("What happened?", help_text="Just the facts, as a camera would have seen them.")
    automatic_thought = _text(
        "What went through your mind?",
        required=True,
        help_text="Write it as it came, for example “They're pulling away from me.”",
        if_empty="Write the thought down first, even a few words.",
    )
    emotion = _text("What did you feel?", rows=1, help_text="For example scared, hurt, angry.")
    intensity_before = scale_field("How strong is the feeling, from 0 to 10?", help_text=INTENSITY_HELP)
    trigger = forms.ChoiceField(
        label="What kind of moment was it?",
        choices=TRIGGER_CHOICES,
        required=False,
        help_text="So we can show you what happened the last times you felt like this.",
    )
    activation = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ThoughtFinishForm(CalmForm):
    """Step two: examine the evidence, reframe, and notice how strong the feeling is now."""

    other_traps = forms.MultipleChoiceField(
        label="Other traps you notice", required=False, widget=forms.CheckboxSelectMultiple
    )
    evidence_for = _text("What supports the thought?")
    evidence_against = _text("What doesn't fit with it?", help_text="The past times beside this may help.")
    past_fine = forms.MultipleChoiceField(
        label="Which of these turned out fine?", required=False, widget=forms.CheckboxSelectMultiple
    )
    balanced_thought = _text(
        "A more balanced thought",
        help_text="For example “They're busy right now, which doesn't mean they don't care.”",
    )
    intensity_after = scale_field("How strong is the feeling now, from 0 to 10?", help_text=INTENSITY_HELP)

    def __init__(self, *args, suggestions=(), traps=(), past_times=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested_names = [s["name"] for s in suggestions]
        for name in self.suggested_names:
            self.fields[f"trap_{name}"] = _verdict()
        self.fields["other_traps"].choices = [
            (t["name"], t["label"]) for t in traps if t["name"] not in self.suggested_names
        ]
        self.fields["past_fine"].choices = [(str(p.activation_id), str(p.activation_id)) for p in past_times]
        self.past_time_count = len(past_times)

    def trap_field(self, name):
        return self[f"trap_{name}"]

    def confirmed(self) -> list[str]:
        picked = [n for n in self.suggested_names if self.cleaned_data.get(f"trap_{n}") == "fits"]
        return picked + list(self.cleaned_data["other_traps"])

    def rejected(self) -> list[str]:
        return [n for n in self.suggested_names if self.cleaned_data.get(f"trap_{n}") == "no"]


class MessageDraftForm(CalmForm):
    draft = _text(
        "The message you want to send",
        required=True,
        rows=5,
        help_text="Paste or write it here. Nothing is sent from this app.",
        if_empty="Paste or write the message first.",
    )


class MessageRewriteForm(CalmForm):
    """The report's shape for a direct message: what I feel, when, what I know of their side, one request."""

    feeling = FreeTextField(
        label="I notice I'm feeling…",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "how you feel, e.g. anxious"}),
    )
    situation = FreeTextField(
        label="…when",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "what happens, e.g. I don't hear from you"}),
    )
    their_side = FreeTextField(
        label="I know…",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "their side, e.g. you're busy"}),
    )
    request = FreeTextField(
        label="Would you be willing to…?",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "one specific request"}),
    )
    final_text = _text(
        "The message, ready to send",
        rows=7,
        help_text="Built from the parts above; change any word so it sounds like you.",
    )
    outcome = forms.ChoiceField(
        label="What did you do with it?",
        choices=[("", "I haven't decided yet"), *Outcome.choices],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, ideas=None, behaviours=(), **kwargs):
        """``ideas``: {part: [phrasing, ...]} listed under each blank, to pick (with JavaScript), copy or ignore.
        ``behaviours``: the protest behaviours found, each with a "Does this fit?" question."""
        super().__init__(*args, **kwargs)
        self.behaviour_names = [b["name"] for b in behaviours]
        for name in self.behaviour_names:
            self.fields[f"behaviour_{name}"] = _verdict()
        self.ideas = {name: list((ideas or {}).get(name) or []) for name in PARTS}
        for name, offered in self.ideas.items():
            if offered:
                self.fields[name].help_text = "In your own words, or use one of the ideas below."

    def blanks(self):
        """(bound field, ideas) for the four blanks, in the message's order."""
        return [(self[name], self.ideas[name]) for name in PARTS]

    def verdict_field(self, name):
        return self[f"behaviour_{name}"]

    def confirmed(self) -> list[str]:
        return [n for n in self.behaviour_names if self.cleaned_data.get(f"behaviour_{n}") == "fits"]

    def rejected(self) -> list[str]:
        return [n for n in self.behaviour_names if self.cleaned_data.get(f"behaviour_{n}") == "no"]


class MessageOutcomeForm(CalmForm):
    outcome = forms.ChoiceField(
        label="What did you do with it?",
        choices=[("", "I haven't decided yet"), *Outcome.choices],
        required=False,
        widget=forms.RadioSelect,
    )
