from django import forms

from earnedsecure.assessments.selectors import RELIABILITY_RANGE, plausible_sd_range
from earnedsecure.assessments.services import SCHEDULE_CHOICES
from earnedsecure.core.widgets import OnePassNumberInput, OnePassRadioSelect, OnePassSelect
from earnedsecure.domain.instruments import Instrument, RCAssumptions


def field_name(item) -> str:
    return f"item_{item.number}"


def page_form(instrument: Instrument, items, *, data=None, initial=None) -> forms.Form:
    """One screen of questions: a radio group per item, named by published number, keyed back to item ids.

    Fields are optional here so that "Back" and "Save and pause" keep what was chosen; the view asks for
    every answer on the page before moving on.
    """
    fields = {
        field_name(item): forms.TypedChoiceField(
            label=item.text,
            choices=[(option.value, option.label) for option in instrument.options],
            coerce=int,
            empty_value=None,
            required=False,
            widget=OnePassRadioSelect,
        )
        for item in items
    }
    form_class = type("PageForm", (forms.Form,), fields)
    return form_class(data=data, initial=initial)


class ScheduleForm(forms.Form):
    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[row.slug] = forms.TypedChoiceField(
                label=row.title or row.name,
                choices=SCHEDULE_CHOICES,
                coerce=int,
                initial=row.every_days,
                widget=OnePassSelect,
            )


class AssumptionForm(forms.Form):
    """A person's own SD and reliability for one ECR instrument, within a plausible range around the published
    value. They change how the check-in pages describe change; the pathway never uses them."""

    def __init__(self, *args, default: RCAssumptions, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = plausible_sd_range(default)
        r_low, r_high = RELIABILITY_RANGE
        sd_message = (
            f"Choose a standard deviation between {low:g} and {high:g} for the {name}: further from the default "
            f"({default.sd:g}) is not plausible for this questionnaire."
        )
        r_message = (
            f"Choose a reliability between {r_low:g} and {r_high:g}: below {r_low:g} a questionnaire measures too "
            "little to judge change, and 1 would mean no measurement error at all."
        )
        self.fields["sd"] = forms.FloatField(
            label="Standard deviation",
            widget=OnePassNumberInput,
            min_value=low,
            max_value=high,
            help_text=f"How spread out scores are between people: between {low:g} and {high:g}.",
            error_messages={"min_value": sd_message, "max_value": sd_message},
        )
        self.fields["reliability"] = forms.FloatField(
            label="Reliability (r)",
            widget=OnePassNumberInput,
            min_value=r_low,
            max_value=r_high,
            help_text=f"Between {r_low:g} and {r_high:g}: how consistently the questionnaire measures the same thing.",
            error_messages={"min_value": r_message, "max_value": r_message},
        )


class CompareForm(forms.Form):
    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        # One option per result, for each of the two: rendered in one pass (core/widgets.py).
        for name, label in (("first", "From"), ("second", "To")):
            self.fields[name] = forms.TypedChoiceField(label=label, choices=choices, coerce=int, widget=OnePassSelect)
