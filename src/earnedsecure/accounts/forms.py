from django import forms

from earnedsecure.accounts.models import User, timezone_choices
from earnedsecure.core import crisis_lines
from earnedsecure.core.widgets import OnePassSelect

NOT_LISTED = "other"


class SignupSafetyForm(forms.Form):
    """What allauth's sign-up adds for safety: the country whose crisis lines to show, and being 18 or over.

    allauth puts these fields after its own and calls ``signup`` once the person exists
    (ACCOUNT_SIGNUP_FORM_CLASS). The country is asked, not assumed, so the crisis page shows the right
    numbers from the first minute; "my country isn't listed" is a real answer and stores no country.
    """

    country = forms.ChoiceField(
        label="Your country",
        choices=[
            ("", "Choose your country"),
            *crisis_lines.country_choices(),
            (NOT_LISTED, "My country isn't listed"),
        ],
        help_text="So Get help now shows crisis lines you can call where you are. You can change it any time.",
        error_messages={"required": 'Please choose your country, or "My country isn\'t listed".'},
    )
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)
    adult = forms.BooleanField(
        label="I am 18 or older",
        error_messages={
            "required": "This app is for adults. Please tick the box if you are 18 or older; "
            "if you are younger, the page 'Who this is for' has people you can talk to."
        },
    )

    # After allauth's own fields (its sign-up form applies this order once the password fields exist).
    field_order = ["username", "email", "password1", "password2", "country", "adult"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # The person's own answer is on screen: country-guess.js must not change it.
            self.fields["country"].widget.attrs["data-answered"] = "yes"

    def clean_time_zone(self) -> str:
        # Filled in by the browser when it can say; anything else is ignored rather than refused.
        zone = self.cleaned_data.get("time_zone", "").strip()
        return zone if zone in dict(timezone_choices()) else ""

    def signup(self, request, user) -> None:
        from django.utils import timezone

        from earnedsecure.accounts import services

        country = self.cleaned_data["country"]
        services.user_signup_details_set(
            user=user,
            country="" if country == NOT_LISTED else country,
            time_zone=self.cleaned_data["time_zone"],
            adult_confirmed_at=timezone.now(),  # the form is only valid with the box ticked
        )


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        required=True,
        label="I understand how my data is stored and used, and I agree.",
        error_messages={"required": "Please tick the box to continue, or sign out if you'd rather not."},
    )


class SettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=timezone_choices,
        widget=OnePassSelect,
        help_text="Dates and times are shown in this zone.",
        error_messages={"required": "Please choose your time zone."},
    )

    class Meta:
        model = User
        # Reminders, by email or in the app, are chosen in one place: the reminders page (journey).
        # The email address is not here: it changes only through allauth's verified, re-authenticated flow
        # (the "Email address" page), which tells the old address. A field here let anyone at an unlocked
        # device point password reset at their own inbox.
        fields = ["country", "time_zone"]
        widgets = {"country": OnePassSelect}
        labels = {
            "country": "Country (for crisis lines)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No country is a real answer (the crisis page then shows every country's lines), so say it plainly.
        self.fields["country"].choices = [("", "My country isn't listed"), *crisis_lines.country_choices()]
        # A zone nobody chose (the default, UTC, is not a named zone in the list) must not show up as the list's
        # first zone, which a person could take for theirs and save: they choose one.
        if self.instance.time_zone not in dict(timezone_choices()):
            self.fields["time_zone"].choices = [("", "Choose your time zone"), *timezone_choices()]


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
