import json

from django.core.management.base import BaseCommand

from earnedsecure.assessments.services import instrument_enabled
from earnedsecure.domain.instruments import REGISTRY


class Command(BaseCommand):
    help = "List the instruments with their terms, and whether this server offers them."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")

    def handle(self, *args, **options):
        rows = [
            {
                "slug": i.slug,
                "name": i.name,
                "version": i.version,
                "items": len(i.items),
                "enabled": instrument_enabled(i.slug),
                "citation": f"{i.citation} doi:{i.doi}",
                "terms": i.terms,
                "copyright": i.copyright,
                "loinc": i.loinc_panel,
            }
            for i in REGISTRY.values()
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            state = "" if row["enabled"] else "  [switched off on this server]"
            self.stdout.write(f"{row['slug']}: {row['name']} (version {row['version']}, {row['items']} items){state}")
            self.stdout.write(f"    Terms: {row['terms']}")
            if row["copyright"]:
                self.stdout.write(f"    {row['copyright']}")
            self.stdout.write(f"    {row['citation']}")
