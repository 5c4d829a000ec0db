"""``earnedsecure research ...``: studies, their consent texts, researchers, and the de-identified export.

research export --study S --recipient R --dua D [--format csv|parquet] --out DIR [--link-for U [--link-days N]]
research study --slug S --title T --summary TEXT --run-by WHO --text-file F   (a new study, or a new text)
research researcher --username U [--days N] [--revoke]                        (the counts page, for a time)
"""

import getpass
import os
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from earnedsecure.research import releases, selectors, services
from earnedsecure.research.export import NoConsentText, export_files, export_study
from earnedsecure.research.models import ExportRecord, Study


def _who_runs_this() -> str:
    """The operating-system account running the export, for its log line (a uid if the account has no name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


class ProgressBar:
    """A plain bar on standard error: rows read of the total, redrawn at most ten times a second."""

    WIDTH = 30

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.drawn_at = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn_at < 0.1:
            return
        self.drawn_at = now
        share = done / total if total else 1.0
        filled = int(self.WIDTH * share)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:,}/{total:,} rows")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Studies, consent texts, researchers and the de-identified research export."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write a study's de-identified release (CSV or Parquet, a codebook)")
        export.add_argument("--study", required=True, help="the study's slug")
        export.add_argument("--format", choices=[f.value for f in ExportRecord.Format], default="csv")
        export.add_argument("--out", required=True, help="a folder for the files")
        export.add_argument("--recipient", required=True, help="who receives the release (logged)")
        export.add_argument("--dua", required=True, help="the data-use agreement's id (logged)")
        export.add_argument(
            "--link-for",
            metavar="USERNAME",
            help="also give this researcher a download link to the files, which expires (see --link-days)",
        )
        export.add_argument(
            "--link-days",
            type=int,
            default=releases.LINK_DAYS,
            help=f"how long the link works, 1 to {releases.LINK_DAYS_MOST} days (default {releases.LINK_DAYS})",
        )
        study = sub.add_parser("study", help="add a study, or publish a new version of its consent text")
        study.add_argument("--slug", required=True)
        study.add_argument("--title")
        study.add_argument("--summary")
        study.add_argument("--run-by")
        study.add_argument("--text-file", required=True, help="the consent text (a new version if it changed)")
        researcher = sub.add_parser(
            "researcher", help="let an account see the studies page (counts only) for a time, or end it"
        )
        researcher.add_argument("--username", required=True)
        researcher.add_argument(
            "--days",
            type=int,
            default=services.RESEARCHER_DAYS,
            help=f"how long, 1 to {services.RESEARCHER_DAYS_MOST} days (default {services.RESEARCHER_DAYS})",
        )
        researcher.add_argument("--revoke", action="store_true", help="end the account's access now")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(options)

    def _export(self, options):
        try:
            study = Study.objects.get(slug=options["study"])
        except Study.DoesNotExist:
            raise CommandError(f"No study {options['study']!r}.") from None
        researcher = None
        if options["link_for"]:
            # Checked before the export runs, so a wrong name or period costs nothing and logs nothing.
            researcher = get_user_model().objects.filter(username=options["link_for"]).first()
            if researcher is None:
                raise CommandError(f"No account {options['link_for']!r}.")
            if not selectors.researcher_access_live(user=researcher, now=timezone.now()):
                raise CommandError(
                    f"{researcher.username} has no access to the research pages now; give it first "
                    "(research researcher --username ...), or the link could never be opened."
                )
            if not 1 <= options["link_days"] <= releases.LINK_DAYS_MOST:
                raise CommandError(f"--link-days must be 1 to {releases.LINK_DAYS_MOST}.")
        bar = ProgressBar(self.stderr._out)
        try:
            record = export_study(
                study=study,
                out_dir=Path(options["out"]),
                file_format=options["format"],
                run_by=_who_runs_this(),
                recipient=options["recipient"],
                data_use_agreement=options["dua"],
                now=timezone.now(),
                progress=bar,
            )
        except NoConsentText:
            raise CommandError(f"{study.slug} has no consent text yet, so nobody can be in it.") from None
        bar.finish()
        rows = ", ".join(f"{name} {count:,}" for name, count in record.rows.items())
        self.stdout.write(
            f"{record.people_released:,} people released ({record.people_suppressed:,} left out in cells under k), "
            f"{rows}; written to {options['out']} (export {record.pk} logged)"
        )
        if researcher is not None:
            token, expires_at = releases.release_link_create(
                export=record,
                files=export_files(record=record, out_dir=Path(options["out"])),
                researcher=researcher,
                days=options["link_days"],
                now=timezone.now(),
            )
            link = settings.SITE_URL.rstrip("/") + reverse("research:release_download", args=[token])
            self.stdout.write(
                f"Download link for {researcher.username} (signed in, with two-step sign-in), until "
                f"{expires_at:%Y-%m-%d %H:%M} UTC; it is shown only now:\n{link}"
            )

    def _study(self, options):
        text = Path(options["text_file"]).read_text(encoding="utf-8").strip()
        study = Study.objects.filter(slug=options["slug"]).first()
        if study is None:
            missing = [name for name in ("title", "summary", "run_by") if not options[name]]
            if missing:
                raise CommandError(f"A new study needs --{', --'.join(m.replace('_', '-') for m in missing)}.")
            study = Study.objects.create(
                slug=options["slug"], title=options["title"], summary=options["summary"], run_by=options["run_by"]
            )
        current = study.consent_texts.order_by("-version").first()
        if current is not None and current.text == text:
            self.stdout.write(f"{study.slug}: the text is version {current.version} already; nothing changed.")
            return
        published = services.consent_text_publish(study=study, text=text, now=timezone.now())
        self.stdout.write(f"{study.slug}: consent text version {published.version} published.")

    def _researcher(self, options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No account {options['username']!r}.")
        if options["revoke"]:
            ended = services.researcher_revoke(user=user)
            self.stdout.write(f"{user.username}: access to the studies page {'ended' if ended else 'was not given'}.")
            return
        if not 1 <= options["days"] <= services.RESEARCHER_DAYS_MOST:
            raise CommandError(f"--days must be 1 to {services.RESEARCHER_DAYS_MOST}.")
        access = services.researcher_grant(user=user, days=options["days"], now=timezone.now())
        self.stdout.write(
            f"{user.username} may see the studies page (counts only; two-step sign-in required) until "
            f"{access.until:%Y-%m-%d %H:%M} UTC; --revoke ends it sooner."
        )
