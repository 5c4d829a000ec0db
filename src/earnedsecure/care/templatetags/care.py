"""Cards other pages include with one line: homework on home, therapist grants on the Safety Check."""

from django import template
from django.utils import timezone

from earnedsecure.care import selectors
from earnedsecure.care.forms import homework_target

register = template.Library()


@register.inclusion_tag("care/_homework_card.html", takes_context=True)
def homework_card(context):
    user = context["request"].user
    items = selectors.homework_open(owner=user, now=timezone.now())
    return {"homework": [(item, homework_target(item)) for item in items], "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("care/_safety_check_grants.html", takes_context=True)
def therapist_grants_card(context):
    user = context["request"].user
    return {"live_grants": [row.grant for row in selectors.grants_of(owner=user, now=timezone.now()) if row.live]}
