import json
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from earnedsecure.assessments.fhir_export import person_bundle
from earnedsecure.assessments.services import InstrumentUnavailable, get_enabled_instrument, response_import_fhir
from earnedsecure.domain.instruments import InvalidAnswers
from earnedsecure.domain.instruments import fhir as domain_fhir

from .score import one_line

# One QuestionnaireResponse of the longest instrument (ECR-R, 36 items) is about 15 KB.
IMPORT_MAX_BYTES = 1_000_000


def _person(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no person with username {username!r}")
    return user


class Command(BaseCommand):
    help = "FHIR R4: print an instrument's Questionnaire, export a person's check-ins, import a QuestionnaireResponse."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        questionnaire = sub.add_parser("questionnaire", help="print the Questionnaire of an instrument")
        questionnaire.add_argument("instrument")
        export = sub.add_parser("export", help="print a Bundle of a person's QuestionnaireResponses and Observations")
        export.add_argument("--username", required=True)
        imported = sub.add_parser("import", help="score and store a completed QuestionnaireResponse (JSON file or -)")
        imported.add_argument("--username", required=True)
        imported.add_argument("file")

    def handle(self, *args, action, **options):
        if action == "questionnaire":
            try:
                resource = domain_fhir.questionnaire(get_enabled_instrument(options["instrument"]))
            except InstrumentUnavailable as error:
                raise CommandError(one_line(error)) from None
        elif action == "export":
            resource = person_bundle(_person(options["username"]))
        else:
            user = _person(options["username"])
            resource = self._import(user, options["file"])
        self.stdout.write(json.dumps(resource, indent=2, ensure_ascii=False))

    def _import(self, user, path: str) -> dict:
        # Read at most one byte past the limit, so a huge file is refused without holding it (or its parsed
        # objects, many times its size) in memory: 100 MB of JSON took 1.1 GB before this.
        try:
            if path == "-":
                raw = sys.stdin.buffer.read(IMPORT_MAX_BYTES + 1)
            else:
                with open(path, "rb") as handle:
                    raw = handle.read(IMPORT_MAX_BYTES + 1)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        if len(raw) > IMPORT_MAX_BYTES:
            raise CommandError(f"{path} is over {IMPORT_MAX_BYTES:,} bytes; one QuestionnaireResponse is far smaller")
        try:
            resource = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{path} is not JSON: {error.msg} at line {error.lineno}") from None
        except RecursionError:
            raise CommandError(f"{path} is nested too deeply to be a QuestionnaireResponse") from None
        try:
            response = response_import_fhir(user=user, resource=resource)
        except (InstrumentUnavailable, InvalidAnswers) as error:
            raise CommandError(one_line(error)) from None
        return {
            "stored": response.pk,
            "instrument": response.instrument,
            "completed_at": response.completed_at.isoformat(),
            "anxiety": response.anxiety,
            "avoidance": response.avoidance,
            "total": response.total,
            "safety_alert": response.safety_alert,
        }
