"""Checklist item 10: no location, contacts or device identifiers are collected.

1. No script the app serves asks the browser for them (the project's own JavaScript, and every third-party
   script collected beside it, read through the same static-file finders the app serves from).
2. No model of the project has a field named for them.
3. What allauth keeps about each signed-in browser is cut down as it is written (accounts/session_records.py),
   and axes keeps no record of successful sign-ins.
4. What axes keeps about each failed sign-in is the network and the browser in words, no more
   (accounts/failed_sign_ins.py).
"""

import re

import pytest
from allauth.usersessions.models import UserSession
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.staticfiles import finders
from django.test import Client

from earnedsecure.accounts.session_records import network_of
from tests.personas import PASSWORD

# What a script would call to learn where someone is, whom they know, or which device they hold.
BROWSER_CALLS = re.compile(
    r"geolocation|getCurrentPosition|watchPosition|navigator\s*\.\s*contacts|ContactsManager|getUserMedia"
    r"|mediaDevices|enumerateDevices|navigator\s*\.\s*(bluetooth|usb|serial|hid|getBattery|deviceMemory)"
    r"|DeviceOrientationEvent|DeviceMotionEvent|advertisingId|deviceId",
    re.IGNORECASE,
)

# Parts of a field name that would mean a location, contacts or a device identifier.
FIELD_PARTS = {
    "lat", "lng", "lon", "latitude", "longitude", "location", "geo", "geolocation", "gps", "coordinates",
    "contacts", "addressbook", "imei", "imsi", "msisdn", "udid", "idfa", "gaid", "ip", "ipaddress", "mac",
    "fingerprint", "useragent",
}  # fmt: skip
FIELD_PHRASES = ("device_id", "deviceid", "advertising", "ip_address", "user_agent", "phone_number")


def served_scripts() -> dict[str, str]:
    """Every .js file the app serves, by its path as served: the project's and the installed apps'."""
    scripts = {}
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore_patterns=[]):
            if path.endswith(".js"):
                with storage.open(path) as handle:
                    scripts[path] = handle.read().decode("utf-8", errors="replace")
    return scripts


def browser_calls(text: str) -> list[str]:
    return [match.group(0) for match in BROWSER_CALLS.finditer(text)]


def test_the_check_finds_a_planted_call():
    planted = "if (x) { navigator.geolocation.getCurrentPosition(send); navigator.contacts.select(['tel']); }"
    assert browser_calls(planted) == ["geolocation", "getCurrentPosition", "navigator.contacts"]
    assert browser_calls("const id = (await navigator.mediaDevices.enumerateDevices())[0].deviceId;")


def test_no_served_script_asks_for_location_contacts_or_devices():
    scripts = served_scripts()
    assert any(path.startswith("earnedsecure/") for path in scripts), "the project's own scripts were not found"
    found = {path: browser_calls(text) for path, text in scripts.items() if browser_calls(text)}
    assert found == {}


def field_is_identifying(name: str) -> bool:
    lowered = name.lower()
    return bool(set(lowered.split("_")) & FIELD_PARTS) or any(phrase in lowered for phrase in FIELD_PHRASES)


@pytest.mark.parametrize(
    ("name", "identifying"),
    [
        ("latitude", True), ("home_lat", True), ("lng", True), ("gps_fix", True), ("location", True),
        ("contacts", True), ("device_id", True), ("advertising_id", True), ("imei", True), ("ip", True),
        ("last_ip_address", True), ("user_agent", True),
        ("relationship", False), ("description", False), ("tip", False), ("last_seen_at", False), ("place", False),
    ],
)  # fmt: skip
def test_the_field_check_tells_names_apart(name, identifying):
    assert field_is_identifying(name) is identifying


def test_no_model_of_the_project_has_a_location_contacts_or_device_field():
    fields = {
        f"{model._meta.label}.{field.name}": field
        for model in apps.get_models()
        if model.__module__.startswith("earnedsecure.")
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
    }
    assert len(fields) > 100  # every app's models were read
    assert [name for name, field in fields.items() if field_is_identifying(field.name)] == []


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("192.0.2.77", "192.0.2.0"),
        ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"),
        ("not an address", None),
        (None, None),
    ],
)
def test_only_the_network_of_an_address_is_kept(address, kept):
    assert network_of(address) == kept


def test_a_sign_in_keeps_the_network_and_the_browser_in_words_only(alice):
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
    client = Client(HTTP_USER_AGENT=firefox)
    signed_in = client.post("/accounts/login/", {"login": "alice", "password": PASSWORD}, REMOTE_ADDR="198.51.100.23")
    assert signed_in.status_code == 302
    record = UserSession.objects.get(user=alice)
    assert (record.ip, record.user_agent) == ("198.51.100.0", "Firefox on Windows")
    assert not AccessLog.objects.exists()  # axes noted no sign-in with its address
    page = client.get("/accounts/sessions/").content.decode()
    assert "Firefox on Windows" in page and "from the network 198.51.100.0" in page
    assert "198.51.100.23" not in page and "Mozilla/5.0" not in page


@pytest.mark.parametrize(
    ("address", "network"),
    [("198.51.100.23", "198.51.100.0"), ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::")],
)
def test_a_failed_sign_in_keeps_the_network_and_the_browser_in_words_only(alice, settings, address, network):
    settings.AXES_ENABLE_ACCESS_FAILURE_LOG = True  # off in the app; on here so that its rows are checked too
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
    client = Client(HTTP_USER_AGENT=firefox, HTTP_ACCEPT="text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
    for _ in range(2):
        refused = client.post("/accounts/login/", {"login": "alice", "password": "not it"}, REMOTE_ADDR=address)
        assert refused.status_code == 200
    kept = [
        (row.username, row.ip_address, row.user_agent, row.http_accept)
        for model in (AccessAttempt, AccessFailureLog)
        for row in model.objects.all()
    ]
    assert kept == [("alice", network, "Firefox on Windows", "")] * 3  # one attempt counted twice, two log rows
    assert AccessAttempt.objects.get().failures_since_start == 2
