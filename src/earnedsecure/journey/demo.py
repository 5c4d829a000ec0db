def seed(*, user, months, rng, now):
    """Filled in below once the pages exist."""
