"""earnedsecure manage suggestion_answers

Prints, as JSON, what the project may learn about the coach's suggestions: for each thinking trap and protest
behaviour, how often it was suggested and how often people answered "fits", "not this" or "not sure"
(``coach.selectors.suggestion_answer_counts``). Only people who agreed to it on the Think page are counted;
no words, dates, scores or ids are printed. Nothing is sent anywhere: whoever runs the app decides whether to
share the output.
"""

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Count answers to the coach's suggestions per label, for the people who agreed (JSON, no text)."

    def handle(self, *args, **options):
        from earnedsecure.coach.selectors import suggestion_answer_counts

        self.stdout.write(json.dumps({"format": "earnedsecure-suggestion-answers", **suggestion_answer_counts()}))
