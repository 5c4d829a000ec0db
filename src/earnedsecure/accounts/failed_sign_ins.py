"""What axes keeps about each failed sign-in (axes.AccessAttempt, and AccessFailureLog if it is ever turned on).

axes counts failed tries per (username, address) to lock out guessing, and by default keeps each try's full
address and the browser's whole identification string for that. The lockout needs neither in full, and the
rest of the app keeps no more (accounts/session_records.py, checklist item 10):

1. The address axes is given is already only its network, IPv4 /24 or IPv6 /48 (``adapter.client_network``,
   named in AXES_CLIENT_IP_CALLABLE). The lockout is then per (username, network): a partner at home who types
   five wrong passwords locks that name out of the home network for the cool-off, not the owner on mobile
   data or at work. Behind a NAT router a home already shares one address, so for IPv4 little changes.
2. The browser is put in words ("Firefox on Windows") by the handler below before axes writes or looks up
   anything, and the list of formats the browser accepts (its Accept header, one more detail that helps pick
   out a device, and no part of the lockout) is not kept. axes has no setting for either, but it has one for
   the handler (AXES_HANDLER).
"""

from axes.handlers.database import AxesDatabaseHandler

from earnedsecure.core.templatetags.browsers import browser_in_words


def _cut_down(request) -> None:
    # axes reads the browser's details once per request into request.axes_*; words given again come back
    # unchanged, so the hooks below may each call this.
    if request is not None and hasattr(request, "axes_user_agent"):
        request.axes_user_agent = browser_in_words(request.axes_user_agent)
        request.axes_http_accept = ""


class FailedSignInHandler(AxesDatabaseHandler):
    """axes's database handler, with the browser in words (and no Accept header) at every write and look-up."""

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        _cut_down(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        # Writes nothing while AXES_DISABLE_ACCESS_LOG is on; the words are for the day it is not.
        _cut_down(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def filter_user_attempts(self, request, credentials=None):
        # Only matters if the browser is made part of the lockout (AXES_USE_USER_AGENT): then the look-up
        # must use the same words that were written.
        _cut_down(request)
        return super().filter_user_attempts(request, credentials)
