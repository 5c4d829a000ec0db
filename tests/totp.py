"""One way for tests to type an authenticator code.

A code belongs to a period (allauth's ``MFA_TOTP_PERIOD``, 30 s), and the server accepts only the current one (no
tolerance is set). A code read a moment before the period turns is refused by the time it is submitted, which made
sign-in tests fail about once in a few hundred runs (a browser walk takes several seconds between reading the code
and submitting it). So ``fresh_code`` waits for the next period when too little of this one is left.
"""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value


def current_code(secret: str) -> str:
    """The code for ``secret`` now, as allauth computes it. Alone only under a clock that time-machine holds still,
    where the period cannot turn; otherwise use :func:`fresh_code`."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def fresh_code(secret: str, *, seconds_needed: float = 10.0) -> str:
    """The current code for ``secret``, with at least ``seconds_needed`` seconds of its period still to run."""
    left = app_settings.TOTP_PERIOD - (time.time() % app_settings.TOTP_PERIOD)
    if left < seconds_needed:
        time.sleep(left + 0.05)
    return current_code(secret)
