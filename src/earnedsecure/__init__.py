"""Earned Secure: a private companion for moving from anxious attachment toward earned security."""

__version__ = "0.1.0"
