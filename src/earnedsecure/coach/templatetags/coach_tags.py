from django import template

from earnedsecure.domain.progress.figures import duration_in_words

register = template.Library()


@register.filter
def duration(minutes):
    """Minutes in plain words ("about 40 minutes"); empty when unknown."""
    return duration_in_words(minutes, missing="")


@register.filter
def intensity_bar(value):
    """A 0-10 value as a percentage width class suffix, for the before/after bars (no inline styles)."""
    try:
        return max(0, min(10, int(value)))
    except (TypeError, ValueError):
        return 0
