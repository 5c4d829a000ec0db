"""The demo person's thought records and message drafts (filled in below)."""


def seed(*, user, months, rng, now):
    return None
