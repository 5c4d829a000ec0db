import pytest

from earnedsecure.domain.limits import TEXT_MAX_CHARS, text_too_long, too_long_message


def test_the_limit_is_five_thousand_characters():
    assert TEXT_MAX_CHARS == 5000


@pytest.mark.parametrize(
    ("length", "refused"), [(0, False), (1, False), (4999, False), (5000, False), (5001, True), (20000, True)]
)
def test_it_refuses_only_text_over_the_limit(length, refused):
    assert (text_too_long("x" * length) is not None) is refused


def test_it_says_how_long_the_text_is_and_by_how_much_to_shorten_it():
    assert too_long_message(5312) == (
        "This is 5,312 characters; the limit is 5,000. Please shorten it by 312 characters (nothing has been cut)."
    )
    assert text_too_long("é" * 5001) == too_long_message(5001)  # characters, not bytes
