"""Framework-free core of Earned Secure.

Nothing under this package may import Django (tests/domain/test_domain_is_framework_free.py checks it).
Inputs are frozen dataclasses, enums and plain values; ``now`` is passed in, never read.
"""
