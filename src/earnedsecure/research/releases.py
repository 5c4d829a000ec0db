"""A researcher's download link to an export, which expires (security checklist, item 67).

1. The operator runs ``research export ... --link-for USERNAME [--link-days N]``. After the export is written
   (and logged) as before, :func:`release_link_create` puts its files into one zip in the data folder's
   ``releases`` (the folder 0700, the file 0600, a random name), keeps the SHA-256 hash of a random token with
   the researcher and an expiry N days away (7 by default, at most :data:`LINK_DAYS_MOST`), and the command
   prints the link, once. The operator sends it to the researcher.
2. :func:`release_open` gives the file only to that researcher, signed in, while their time-boxed access to the
   research pages runs (``researcher_access_live``) and before the link's expiry; anything else finds nothing
   (the page answers 404, as to anyone else). Each download is counted on the row, with its time.
3. The daily retention purge (:func:`releases_expire`) deletes expired rows and their files; revoking a
   researcher (``research researcher --revoke``) deletes their links and files at once.

What is in the zip was released under the data-use agreement when the export ran; a person who leaves the study
afterwards is left out of every later export (withdrawal is honoured for future releases, the checklist's words).
"""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F

from earnedsecure.core.link_tokens import new_token, token_hash
from earnedsecure.research import selectors
from earnedsecure.research.models import ExportRecord, Release

LINK_DAYS = 7
LINK_DAYS_MOST = 30


@dataclass(frozen=True)
class ReleaseFile:
    path: Path
    filename: str


def releases_dir() -> Path:
    return Path(settings.DATA_DIR) / "releases"


def _zip(*, files: list[Path]) -> str:
    """The files into a new zip in the releases folder, readable by the app's account only; its name."""
    folder = releases_dir()
    folder.mkdir(mode=0o700, exist_ok=True)
    folder.chmod(0o700)  # mkdir's mode is cut by the umask and leaves an existing folder as it was
    name = f"{secrets.token_hex(16)}.zip"
    path = folder / name
    path.touch(mode=0o600)
    path.chmod(0o600)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.write(file, arcname=file.name)
    return name


def release_link_create(
    *, export: ExportRecord, files: list[Path], researcher, days: int, now: datetime
) -> tuple[str, datetime]:
    """A link for ``researcher`` to download ``files`` (the export's) for ``days``: (its token, shown once; its
    expiry). Raises ValueError for a period outside 1 to LINK_DAYS_MOST days or an account whose access to the
    research pages does not run now (the link could never be opened)."""
    if not 1 <= days <= LINK_DAYS_MOST:
        raise ValueError(f"days must be 1 to {LINK_DAYS_MOST}")
    if not selectors.researcher_access_live(user=researcher, now=now):
        raise ValueError(f"{researcher.username} has no access to the research pages now")
    name = _zip(files=files)
    token, kept = new_token()
    expires_at = now + timedelta(days=days)
    try:
        Release.objects.create(
            export=export, researcher=researcher, token_hash=kept, file_name=name, expires_at=expires_at
        )
    except Exception:
        (releases_dir() / name).unlink(missing_ok=True)
        raise
    return token, expires_at


@transaction.atomic
def release_open(*, user, token: str, now: datetime) -> ReleaseFile | None:
    """The zip behind ``token`` for ``user``, counted as one download; None unless the link is theirs, has not
    expired and their access to the research pages runs now."""
    if not selectors.researcher_access_live(user=user, now=now):
        return None
    release = (
        Release.objects.select_related("export__study")
        .filter(researcher=user, token_hash=token_hash(token), expires_at__gt=now)
        .first()
    )
    if release is None:
        return None
    path = releases_dir() / release.file_name
    if not path.is_file():
        return None
    Release.objects.filter(pk=release.pk).update(downloads=F("downloads") + 1, last_downloaded_at=now)
    started = release.export.started_at
    return ReleaseFile(path=path, filename=f"{release.export.study.slug}-release-{started:%Y%m%d-%H%M}.zip")


def _delete(releases) -> int:
    names = list(releases.values_list("file_name", flat=True))
    deleted = releases.delete()[0]
    folder = releases_dir()
    for name in names:
        (folder / name).unlink(missing_ok=True)
    return deleted


def releases_expire(*, now: datetime) -> int:
    """Delete the links that expired before ``now`` and their files (the daily retention purge)."""
    return _delete(Release.objects.filter(expires_at__lte=now))


def releases_of_researcher_delete(*, user) -> int:
    """Delete every link of ``user``'s and its file (when their access is revoked)."""
    return _delete(Release.objects.filter(researcher=user))
