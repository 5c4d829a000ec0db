from django import forms

from earnedsecure.core.free_text import LimitedTextarea
from earnedsecure.core.models import SafetyPlan
from earnedsecure.core.widgets import OnePassRadioSelect

# The one 0-10 rating of the app (how strong a feeling is, how distressed, before and after): eleven buttons,
# drawn by core/_scale.html as a fieldset whose legend is the question. A missing or odd answer gets one message.
SCALE = [(n, str(n)) for n in range(11)]
SCALE_MESSAGE = "Choose a number from 0 to 10."


def scale_field(label: str, *, required: bool = True, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCALE,
        coerce=int,
        widget=OnePassRadioSelect,
        required=required,
        empty_value=None,
        help_text=help_text,
        error_messages={"required": SCALE_MESSAGE, "invalid_choice": SCALE_MESSAGE},
    )


_HELP = {
    "warning_signs": (
        "1. My warning signs",
        "Thoughts, moods, situations or behaviours that tell me a crisis may be building.",
    ),
    "coping_on_my_own": (
        "2. Things I can do on my own to take my mind off it",
        "A walk, a shower, music, 4-7-8 breathing…",
    ),
    "people_and_places_for_distraction": (
        "3. People and places that help me feel less alone",
        "Not to talk about the problem, just to be around others.",
    ),
    "people_i_can_ask_for_help": ("4. People I can ask for help", "Names and numbers of people I trust."),
    "professionals_to_contact": (
        "5. Professionals and services I can contact",
        "My doctor or therapist, a crisis line, the nearest emergency department.",
    ),
    "making_my_surroundings_safer": (
        "6. Making my surroundings safer",
        "What I can put away, hand to someone, or stay away from while things are hard.",
    ),
    "what_matters_most": ("What matters most to me, and is worth living for", ""),
}


class SafetyPlanForm(forms.ModelForm):
    class Meta:
        model = SafetyPlan
        fields = list(_HELP)
        labels = {name: label for name, (label, _) in _HELP.items()}
        help_texts = {name: text for name, (_, text) in _HELP.items()}
        # The one free-text limit and its message come with the model field (EncryptedTextField.formfield).
        widgets = {name: LimitedTextarea(attrs={"rows": 3}) for name in _HELP}
