"""The sign-in backend: allauth's, checking the password against each email address once.

Every refused sign-in must cost the same password hashing whether or not the name or address typed belongs
to an account, or the time the answer takes tells who has one (checklist item 13). Django's ModelBackend and
allauth's backend each hash the password given for a name nobody has, as they would to check it, so a wrong
username costs what a wrong password does. But given an email address, allauth checks the password against
that address's account twice: once taking it for a username that looks like an address, once as the
address. A known address then cost one Argon2 hash more than an unknown one, about a quarter of a second on
a small server. Checking each address once per sign-in makes both cost the same.
"""

from allauth.account.auth_backends import AuthenticationBackend


class SignInBackend(AuthenticationBackend):
    def authenticate(self, request, **credentials):
        # Django makes a new backend object for each sign-in, so this set lasts one sign-in.
        self._addresses_checked: set[str] = set()
        return super().authenticate(request, **credentials)

    def _authenticate_by_email(self, email, password):
        checked = getattr(self, "_addresses_checked", set())
        address = (email or "").strip().lower()
        if address in checked:
            return None
        checked.add(address)
        return super()._authenticate_by_email(email, password)
