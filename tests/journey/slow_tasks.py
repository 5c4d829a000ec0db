"""A task that takes a while, for the worker's graceful-stop test (run by a real worker process)."""

import time
from pathlib import Path

from django_tasks import task


@task()
def slow_note(folder: str, seconds: float) -> str:
    Path(folder, "started").write_text("started")
    time.sleep(seconds)
    Path(folder, "finished").write_text("finished")
    return "finished"
