"""What allauth keeps about each signed-in browser (usersessions.UserSession), cut down as it is written.

allauth stores the full address and the browser's whole identification string, to list where a person is
signed in. That list needs neither: the network (the address's first three parts, or first three groups of
an IPv6 address) tells home from elsewhere, and "Firefox on Windows" tells one browser from another, without
keeping the one address or the string that, with the time, can pick out one device (checklist item 10). The
receiver runs on every save, so no code path of allauth's writes the full values.
"""

import ipaddress

from django.db.models.signals import pre_save

from earnedsecure.core.templatetags.browsers import browser_in_words

IPV4_PREFIX = 24
IPV6_PREFIX = 48


def network_of(address: str | None) -> str | None:
    """The address with its host part set to zero ("192.0.2.7" -> "192.0.2.0"); None for no address or an
    unreadable one (allauth's field then refuses it, as it would have)."""
    try:
        parsed = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return None
    prefix = IPV4_PREFIX if parsed.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)


def session_record_minimise(sender, instance, **kwargs):
    instance.ip = network_of(instance.ip)
    instance.user_agent = browser_in_words(instance.user_agent)


def connect() -> None:
    from allauth.usersessions.models import UserSession

    pre_save.connect(session_record_minimise, sender=UserSession, dispatch_uid="earnedsecure.session_record_minimise")
