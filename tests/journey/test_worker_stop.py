"""``earnedsecure worker`` told to stop (SIGTERM from systemd or compose, or Ctrl+C) finishes the task it is
running before it exits: a task cut off half way would stay marked running and never be retried (hazard H40).
A real worker process on its own SQLite data folder; the property does not depend on the database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENQUEUE = """
import django, sys
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.journey.slow_tasks import slow_note
slow_note.enqueue(sys.argv[1], 3.0)
"""
RESULT = """
import django
django.setup()
from django_tasks_db.models import DBTaskResult
print(",".join(DBTaskResult.objects.values_list("status", flat=True)))
"""


def _env(tmp_path):
    env = {
        **os.environ,
        "EARNEDSECURE_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "earnedsecure.settings",
    }
    env.pop("DATABASE_URL", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def test_sigterm_lets_the_running_task_finish_then_the_worker_exits(tmp_path):
    env, marks = _env(tmp_path), tmp_path / "marks"
    marks.mkdir()
    subprocess.run([sys.executable, "-c", ENQUEUE, str(marks)], env=env, cwd=ROOT, check=True, timeout=180)
    worker = subprocess.Popen(
        [sys.executable, "-m", "earnedsecure", "worker", "--poll", "0.2", "--scan-every", "60"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not (marks / "started").exists():
            assert worker.poll() is None, worker.communicate()
            assert time.monotonic() < deadline, "the task never started"
            time.sleep(0.05)
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, err[-2000:]
    assert (marks / "finished").exists(), "the task was cut off"
    assert "Worker stopped." in out
    statuses = subprocess.run(
        [sys.executable, "-c", RESULT], env=env, cwd=ROOT, check=True, timeout=60, capture_output=True, text=True
    ).stdout.strip()
    assert "SUCCESSFUL" in statuses and "RUNNING" not in statuses, statuses
