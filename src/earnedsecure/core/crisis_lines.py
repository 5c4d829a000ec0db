"""National crisis, domestic-violence and emergency numbers, chosen by the person's country.

Plain Python data so the crisis page renders with the database down. Compiled on LAST_REVIEWED from the
services' own public pages as listed in ``source``; numbers change, so a test fails when this table is more
than REVIEW_EVERY_DAYS old, forcing someone to check every entry again. The crisis page lists every country here, the person's own
first, so the numbers are on screen without a network; when no country is known it also lists each
emergency number with the countries that use it, and points to an international directory of helplines.

Only numbers checked against their service's own page belong here: never add one from memory.
"""

from dataclasses import dataclass, field
from datetime import date

LAST_REVIEWED = date(2026, 11, 28)
REVIEW_EVERY_DAYS = 180


@dataclass(frozen=True)
class Line:
    name: str
    number: str  # as dialled in the country, digits and spaces
    kind: str  # "crisis", "violence" or "text"
    hours: str = "24/7"
    note: str = ""
    source: str = ""
    # False for the few real numbers (EU 116 xxx lines) that libphonenumber's tables do not list yet.
    in_metadata: bool = True

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    lines: tuple[Line, ...] = field(default_factory=tuple)
    # Where a country has no single national domestic-violence number, the national directory of local 24-hour
    # lines (it needs the internet, so the page says so): (name, web address, source).
    violence_directory: tuple[str, str, str] | None = None

    def crisis_lines(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.kind in {"crisis", "text"})

    def violence_lines(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.kind == "violence")


INTERNATIONAL_DIRECTORY = "https://findahelpline.com"

COUNTRIES: dict[str, Country] = {
    c.code: c
    for c in (
        Country(
            "US",
            "United States",
            "911",
            (
                Line(
                    "988 Suicide & Crisis Lifeline",
                    "988",
                    "crisis",
                    note="Call or text",
                    source="988lifeline.org",
                ),
                Line("Crisis Text Line", "741741", "text", note="Text HOME", source="crisistextline.org"),
                Line(
                    "National Domestic Violence Hotline",
                    "1 800 799 7233",
                    "violence",
                    source="thehotline.org",
                ),
            ),
        ),
        Country(
            "CA",
            "Canada",
            "911",
            (Line("9-8-8 Suicide Crisis Helpline", "988", "crisis", note="Call or text", source="988.ca"),),
            # Canada's domestic-violence lines are provincial and per shelter; the Canadian Network of Women's
            # Shelters and Transition Houses keeps the national map of every shelter's 24-hour line.
            violence_directory=(
                "ShelterSafe: every women's shelter's 24-hour line, by place",
                "https://www.sheltersafe.ca",
                "sheltersafe.ca",
            ),
        ),
        Country(
            "GB",
            "United Kingdom",
            "999",
            (
                Line("Samaritans", "116 123", "crisis", source="samaritans.org"),
                Line("Shout", "85258", "text", note="Text SHOUT", source="giveusashout.org"),
                Line(
                    "National Domestic Abuse Helpline",
                    "0808 2000 247",
                    "violence",
                    source="nationaldahelpline.org.uk",
                ),
            ),
        ),
        Country(
            "IE",
            "Ireland",
            "112",
            (
                Line("Samaritans", "116 123", "crisis", source="samaritans.org"),
                Line("Pieta", "1800 247 247", "crisis", source="pieta.ie"),
                Line("Women's Aid", "1800 341 900", "violence", source="womensaid.ie"),
            ),
        ),
        Country(
            "AU",
            "Australia",
            "000",
            (
                Line("Lifeline", "13 11 14", "crisis", source="lifeline.org.au"),
                Line("1800RESPECT", "1800 737 732", "violence", source="1800respect.org.au"),
            ),
        ),
        Country(
            "NZ",
            "New Zealand",
            "111",
            (
                Line("Need to talk? 1737", "1737", "crisis", note="Call or text", source="1737.org.nz"),
                Line("Lifeline Aotearoa", "0800 543 354", "crisis", source="lifeline.org.nz"),
                Line("Women's Refuge", "0800 733 843", "violence", source="womensrefuge.org.nz"),
            ),
        ),
        Country(
            "DE",
            "Deutschland",
            "112",
            (
                Line("TelefonSeelsorge", "0800 111 0 111", "crisis", source="telefonseelsorge.de"),
                Line("TelefonSeelsorge", "0800 111 0 222", "crisis", source="telefonseelsorge.de"),
                Line(
                    "Hilfetelefon Gewalt gegen Frauen",
                    "116 016",
                    "violence",
                    source="hilfetelefon.de",
                    in_metadata=False,
                ),
            ),
        ),
        Country(
            "FR",
            "France",
            "112",
            (
                Line("3114 Prévention du suicide", "3114", "crisis", source="3114.fr"),
                Line("Violences Femmes Info", "3919", "violence", source="arretonslesviolences.gouv.fr"),
            ),
        ),
        Country(
            "NL",
            "Nederland",
            "112",
            (
                Line("113 Zelfmoordpreventie", "0800 0113", "crisis", source="113.nl"),
                Line("Veilig Thuis", "0800 2000", "violence", source="veiligthuis.nl"),
            ),
        ),
        Country(
            "ES",
            "España",
            "112",
            (
                Line("Línea 024", "024", "crisis", source="sanidad.gob.es"),
                Line("016 Violencia de género", "016", "violence", source="igualdad.gob.es"),
            ),
        ),
        Country(
            "IT",
            "Italia",
            "112",
            (
                Line(
                    "Telefono Amico",
                    "02 2327 2327",
                    "crisis",
                    hours="Daily, 9:00-24:00",
                    source="telefonoamico.it",
                ),
                Line("1522 Antiviolenza e stalking", "1522", "violence", source="1522.eu"),
            ),
        ),
        Country(
            "IN",
            "India",
            "112",
            (
                Line("Tele-MANAS", "1800 891 4416", "crisis", note="Or dial 14416", source="telemanas.mohfw.gov.in"),
                Line("Women Helpline", "181", "violence", source="wcd.gov.in"),
            ),
        ),
    )
}


# Where each listed country's people usually are, by IANA time zone (from tzdata's zone.tab, plus the older
# names some browsers still report, such as Asia/Calcutta). Used only to guess a starting choice at sign-up.
TIME_ZONES: dict[str, tuple[str, ...]] = {
    "US": (
        "America/New_York",
        "America/Detroit",
        "America/Kentucky/Louisville",
        "America/Kentucky/Monticello",
        "America/Louisville",
        "America/Indiana/Indianapolis",
        "America/Indianapolis",
        "America/Indiana/Vincennes",
        "America/Indiana/Winamac",
        "America/Indiana/Marengo",
        "America/Indiana/Petersburg",
        "America/Indiana/Vevay",
        "America/Chicago",
        "America/Indiana/Tell_City",
        "America/Indiana/Knox",
        "America/Menominee",
        "America/North_Dakota/Center",
        "America/North_Dakota/New_Salem",
        "America/North_Dakota/Beulah",
        "America/Denver",
        "America/Boise",
        "America/Phoenix",
        "America/Los_Angeles",
        "America/Anchorage",
        "America/Juneau",
        "America/Sitka",
        "America/Metlakatla",
        "America/Yakutat",
        "America/Nome",
        "America/Adak",
        "Pacific/Honolulu",
    ),
    "CA": (
        "America/St_Johns",
        "America/Halifax",
        "America/Glace_Bay",
        "America/Moncton",
        "America/Goose_Bay",
        "America/Blanc-Sablon",
        "America/Toronto",
        "America/Iqaluit",
        "America/Atikokan",
        "America/Winnipeg",
        "America/Resolute",
        "America/Rankin_Inlet",
        "America/Regina",
        "America/Swift_Current",
        "America/Edmonton",
        "America/Cambridge_Bay",
        "America/Inuvik",
        "America/Creston",
        "America/Dawson_Creek",
        "America/Fort_Nelson",
        "America/Whitehorse",
        "America/Dawson",
        "America/Vancouver",
    ),
    "GB": ("Europe/London",),
    "IE": ("Europe/Dublin",),
    "AU": (
        "Australia/Lord_Howe",
        "Antarctica/Macquarie",
        "Australia/Hobart",
        "Australia/Melbourne",
        "Australia/Sydney",
        "Australia/Broken_Hill",
        "Australia/Brisbane",
        "Australia/Lindeman",
        "Australia/Adelaide",
        "Australia/Darwin",
        "Australia/Perth",
        "Australia/Eucla",
    ),
    "NZ": ("Pacific/Auckland", "Pacific/Chatham"),
    "DE": ("Europe/Berlin", "Europe/Busingen"),
    "FR": ("Europe/Paris",),
    "NL": ("Europe/Amsterdam",),
    "ES": ("Europe/Madrid", "Africa/Ceuta", "Atlantic/Canary"),
    "IT": ("Europe/Rome",),
    "IN": ("Asia/Kolkata", "Asia/Calcutta"),
}


def country_for(code: str | None) -> Country | None:
    if not code:
        return None
    return COUNTRIES.get(code.strip().upper())


def country_choices() -> list[tuple[str, str]]:
    return sorted(((c.code, c.name) for c in COUNTRIES.values()), key=lambda pair: pair[1])


def countries_in_order(first: str | None = None) -> list[Country]:
    """Every listed country by name, with ``first`` (the person's own) at the top when it is listed."""
    ordered = [COUNTRIES[code] for code, _ in country_choices()]
    return sorted(ordered, key=lambda country: country.code != (first or "").upper())


def emergency_numbers() -> list[tuple[str, list[str]]]:
    """Each emergency number in the table with the countries that use it, most widely used first."""
    by_number: dict[str, list[str]] = {}
    for country in countries_in_order():
        by_number.setdefault(country.emergency, []).append(country.name)
    return sorted(by_number.items(), key=lambda pair: -len(pair[1]))


def time_zone_countries() -> dict[str, str]:
    """IANA time zone -> listed country code, for guessing a starting choice in the browser."""
    return {zone: code for code, zones in TIME_ZONES.items() for zone in zones}


def country_from_accept_language(header: str | None) -> str:
    """The first listed country named as a region in an Accept-Language header ("en-GB" -> "GB"), else "".

    Tags are taken in the browser's order of preference (q values); a bare language ("de") names no
    country, so it guesses nothing rather than guess wrongly.
    """
    tags: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        tags.append((-weight, position, tag.strip()))
    for negative_weight, _, tag in sorted(tags):
        if negative_weight >= 0:
            continue
        for subtag in tag.replace("_", "-").split("-")[1:]:
            if len(subtag) == 2 and subtag.isalpha() and subtag.upper() in COUNTRIES:
                return subtag.upper()
    return ""
