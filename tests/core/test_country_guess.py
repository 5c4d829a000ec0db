"""Guessing a starting country for sign-up: from Accept-Language here, from the time zone in the browser."""

import zoneinfo
from pathlib import Path

import pytest

from earnedsecure.core import crisis_lines


@pytest.mark.parametrize(
    ("header", "country"),
    [
        ("en-GB,en;q=0.9", "GB"),
        ("en-US,en;q=0.9", "US"),
        ("fr-CA,fr;q=0.8", "CA"),
        ("es_ES", "ES"),
        ("zh-Hant-TW,en-AU;q=0.5", "AU"),  # TW is not listed, so the next listed region
        ("en-IE;q=0.2,de-DE;q=0.7", "DE"),  # the browser's preference, not the order written
        ("en-GB;q=0", ""),  # q=0 means "not acceptable"
        ("de", ""),  # a language alone names no country
        ("*", ""),
        ("", ""),
        (None, ""),
        ("en-GB;q=oops", ""),
    ],
)
def test_it_reads_the_region_of_the_preferred_language(header, country):
    assert crisis_lines.country_from_accept_language(header) == country


def test_every_time_zone_belongs_to_a_listed_country_and_exists():
    assert set(crisis_lines.TIME_ZONES) <= set(crisis_lines.COUNTRIES)
    for zones in crisis_lines.TIME_ZONES.values():
        for zone in zones:
            zoneinfo.ZoneInfo(zone)


ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")


@pytest.mark.skipif(not ZONE_TAB.exists(), reason="no system tzdata zone.tab to compare with")
def test_the_time_zones_agree_with_tzdata():
    official: dict[str, str] = {}
    for line in ZONE_TAB.read_text().splitlines():
        if line and not line.startswith("#"):
            codes, _, zone = line.split("\t")[:3]
            for code in codes.split(","):
                official[zone] = code
    ours = crisis_lines.time_zone_countries()
    for zone, code in ours.items():
        if zone in official:
            assert official[zone] == code, zone
    # Every zone tzdata gives a listed country is covered.
    missing = {z for z, c in official.items() if c in crisis_lines.COUNTRIES and z not in ours}
    assert missing == set()
