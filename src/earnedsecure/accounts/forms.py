from django import forms

from earnedsecure.accounts.models import User, timezone_choices


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        required=True,
        label="I understand how my data is stored and used, and I agree.",
        error_messages={"required": "Please tick the box to continue, or sign out if you'd rather not."},
    )


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=timezone_choices, help_text="Dates and times are shown in this zone.")

    class Meta:
        model = User
        fields = ["country", "time_zone", "email", "email_reminders"]
        labels = {
            "country": "Country (for crisis lines)",
            "email": "Email (optional; used for password reset and reminders you turn on)",
            "email_reminders": "Send me gentle reminders by email",
        }


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(label="Type your username to confirm", max_length=150)

    def __init__(self, *args, username: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.username = username

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value != self.username:
            raise forms.ValidationError("That doesn't match your username, so nothing was deleted.")
        return value
