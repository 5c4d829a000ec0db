from django import forms

from earnedsecure.journey.models import ReminderPreference


class ReminderPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often would you like a reminder?",
        choices=ReminderPreference.Frequency.choices,
        widget=forms.RadioSelect,
        help_text="Daily: a short check-in each day and a look back once a week. Weekly: only the look back.",
    )
    review_day = forms.TypedChoiceField(
        label="Day for the weekly look back",
        choices=ReminderPreference.Weekday.choices,
        coerce=int,
    )
    hour = forms.TypedChoiceField(
        label="From what time of day",
        choices=[(hour, f"{hour:02d}:00") for hour in range(6, 23)],
        coerce=int,
        help_text="In your own time zone.",
    )
    in_app = forms.BooleanField(label="Show reminders here in the app", required=False)
    email = forms.BooleanField(
        label="Also send them by email",
        required=False,
        help_text="A plain email titled “a gentle reminder” with a link, and nothing personal in it.",
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and self.user is not None and not self.user.email:
            self.add_error("email", "Add an email address in your account settings first.")
        return cleaned
