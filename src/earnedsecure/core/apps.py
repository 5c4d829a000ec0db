from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "earnedsecure.core"
    label = "core"
    verbose_name = "Earned Secure core"

    def ready(self):
        from earnedsecure.core import personal_data
        from earnedsecure.core.models import SafetyPlan

        personal_data.register(SafetyPlan)

        from earnedsecure.core.demo import register_seeder

        register_seeder(_seed_safety_plan, order=20)


def _seed_safety_plan(*, user, months, rng, now):
    from earnedsecure.core.models import SafetyPlan

    SafetyPlan.objects.create(
        owner=user,
        warning_signs="Checking my phone every few minutes. Not eating. Thinking 'everyone leaves eventually'.",
        coping_on_my_own="4-7-8 breathing, a hot shower, walking round the park with a podcast.",
        people_and_places_for_distraction="The climbing wall on Thursdays. Sitting in the café on Mill Road.",
        people_i_can_ask_for_help="My sister Jess. Priya from work.",
        professionals_to_contact="My GP surgery. Samaritans 116 123, any time.",
        making_my_surroundings_safer="Give the spare key to Jess when I'm in a bad way; no drinking on my own.",
        what_matters_most="My sister, the dog, and the trip to Lisbon next spring.",
    )
