"""One way for tests to type an authenticator code.

A code belongs to a 30-second period, and the server accepts only the current one (no tolerance is set). A code
read a moment before the period turns is refused by the time it is submitted, which made sign-in tests fail about
once in a few hundred runs (a browser walk takes several seconds between reading the code and submitting it). So
when too little of the period is left, this waits for the next one before reading the code.
"""

import time

from allauth.mfa.totp.internal.auth import hotp_value

PERIOD = 30


def fresh_code(secret: str, *, seconds_needed: float = 10.0) -> str:
    """The current code for `secret`, with at least `seconds_needed` seconds of its period still to run."""
    left = PERIOD - (time.time() % PERIOD)
    if left < seconds_needed:
        time.sleep(left + 0.05)
    return f"{hotp_value(secret, int(time.time()) // PERIOD):06d}"
