import json

from django.core.management.base import BaseCommand, CommandError

from earnedsecure.assessments.services import InstrumentUnavailable, get_enabled_instrument, is_attachment
from earnedsecure.domain.instruments import (
    PROTOTYPE_RULE,
    InvalidAnswers,
    nearest_prototype,
    parse_answers,
    score_in_published_order,
)

SAFETY_LINE = (
    "Safety: the answer to the question about thoughts of being better off dead or of self-harm is above 0. "
    "If that is you, please talk to someone now: call your local emergency number or a crisis line "
    "(the app's 'Get help now' page lists them by country)."
)


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())


class Command(BaseCommand):
    help = "Score an instrument from answers in its published item order and print the scores as JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "instrument", help="ecr-r, ecr-rs, ecr-rs-mother, ecr-rs-father, ecr-rs-friend, phq-9, gad-7"
        )
        parser.add_argument("--answers", required=True, help="numbers in published item order, e.g. 4,2,7,...")

    def handle(self, *args, instrument, answers, **options):
        try:
            definition = get_enabled_instrument(instrument)
            result = score_in_published_order(definition, parse_answers(answers))
        except (InstrumentUnavailable, InvalidAnswers) as error:
            raise CommandError(one_line(error)) from None
        body = result.to_dict()
        if is_attachment(definition):
            label = nearest_prototype(result.value("anxiety"), result.value("avoidance"))
            body["nearest_prototype"] = {"label": label.value, "rule": PROTOTYPE_RULE}
        self.stdout.write(json.dumps(body, indent=2, ensure_ascii=False))
        if result.safety_alert:
            # The JSON stays machine-readable on stdout; the person running this sees the safety line too.
            self.stderr.write(SAFETY_LINE)
