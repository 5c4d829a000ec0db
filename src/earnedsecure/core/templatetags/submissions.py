from django import template
from django.utils.html import format_html

from earnedsecure.core.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_field():
    """The hidden field that makes a form count once however often it is sent (core/submissions.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
