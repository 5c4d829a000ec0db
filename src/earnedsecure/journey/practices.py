"""Where a lesson's or a program week's practice opens. The practices (key, label, the tool or page they
open) are the cycle's vocabulary in ``domain/cycle``; a tool opens at its slug, any other page by its name."""

from django.urls import reverse

from earnedsecure.diary.tools import tool_url
from earnedsecure.domain.cycle import PRACTICES, Practice


def practice_url(practice: Practice) -> str:
    if practice.tool is not None:
        return tool_url(practice.tool)
    return reverse(practice.page, args=practice.page_args)


def practice_button(key: str) -> tuple[str, str]:
    """(URL, label) of the button for the practice named ``key`` in a content file."""
    practice = PRACTICES.get(key)
    return practice_url(practice), practice.label
