"""earnedsecure analyze thought|message "TEXT"   (or --jsonl, reading stdin)

Runs the same offline text analysis as the pages and the API and prints JSON:

- thought: {"traps": [{"name", "confidence", "evidence", ...}], "risk": {"level", "kind"}}
- message: {"protest": bool, "behaviours": [{"name", "evidence", ...}], "rewrite": "...", "risk": {...}}

With --jsonl it reads one JSON object per line on standard input, {"text": "..."} (a message line may also
carry "reassurance_requests_today"; an "id" is echoed back), and writes exactly one result per non-blank
input line, in order. A line that is not a JSON object with a string "text" gives {"error": "line N: ..."}
in its place, the same message on standard error, and the command exits with status 1 after the last line,
so results stay aligned with their inputs and a broken line is never silent.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from earnedsecure.domain.limits import text_too_long


def _analyze(kind: str, text: str, reassurance_requests_today: int = 0) -> dict:
    from earnedsecure.coach import analysis

    if kind == "thought":
        return analysis.analyze_thought(text)
    return analysis.analyze_message(text, reassurance_requests_today=reassurance_requests_today)


def _dump(result: dict, *, pretty: bool = False) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2 if pretty else None)


class Command(BaseCommand):
    help = "Analyse a thought (thinking traps, risk) or a message draft (protest behaviours, rewrite, risk) offline."
    requires_system_checks: list = []  # pure text analysis: no database, no checks
    stealth_options = ("stdin",)  # call_command(..., stdin=io.StringIO(...)) in tests

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["thought", "message"])
        parser.add_argument("text", nargs="?", help="the text to analyse (omit with --jsonl)")
        parser.add_argument("--jsonl", action="store_true", help='read {"text": ...} lines from stdin')
        parser.add_argument(
            "--reassurance-requests-today",
            type=int,
            default=0,
            help="message only: how many reassurance requests were already sent today",
        )

    def handle(self, *args, kind, text, jsonl, reassurance_requests_today, **options):
        if jsonl:
            if text is not None:
                raise CommandError("give either TEXT or --jsonl, not both")
            failures = self._jsonl(options.get("stdin") or sys.stdin, kind, reassurance_requests_today)
            if failures:
                raise CommandError(f"{failures} line(s) could not be analysed", returncode=1)
            return
        if text is None or not text.strip():
            raise CommandError('give the text to analyse, e.g. analyze thought "They are pulling away"')
        if too_long := text_too_long(text):
            raise CommandError(too_long)
        self.stdout.write(_dump(_analyze(kind, text, reassurance_requests_today), pretty=True))

    def _jsonl(self, stdin, kind: str, default_requests: int) -> int:
        failures = 0
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError('expected a JSON object like {"text": "..."}')
                text = item.get("text")
                if not isinstance(text, str):
                    raise ValueError('missing "text" (a string)')
                if too_long := text_too_long(text):
                    raise ValueError(too_long)
                requests = item.get("reassurance_requests_today", default_requests)
                if not isinstance(requests, int) or isinstance(requests, bool) or requests < 0:
                    raise ValueError('"reassurance_requests_today" must be a whole number, 0 or more')
            except ValueError as error:  # json.JSONDecodeError is a ValueError
                failures += 1
                reason = f"line {number}: {error}"
                self.stderr.write(f"error: {reason}")
                self.stdout.write(_dump({"error": reason}))
                continue
            result = _analyze(kind, text, requests)
            if "id" in item:
                result = {"id": item["id"], **result}
            self.stdout.write(_dump(result))
        return failures
