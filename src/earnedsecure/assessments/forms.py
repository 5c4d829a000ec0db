from django import forms

from earnedsecure.assessments.services import SCHEDULE_CHOICES
from earnedsecure.domain.instruments import Instrument


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
            widget=forms.RadioSelect,
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
                label=row.name, choices=SCHEDULE_CHOICES, coerce=int, initial=row.every_days
            )


class AssumptionForm(forms.Form):
    sd = forms.FloatField(
        label="Standard deviation", min_value=0.1, max_value=6, help_text="How spread out scores are between people."
    )
    reliability = forms.FloatField(
        label="Reliability (r)",
        min_value=0,
        max_value=0.99,
        help_text="Between 0 and 0.99: how consistently the questionnaire measures the same thing.",
    )


class CompareForm(forms.Form):
    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"] = forms.TypedChoiceField(label="From", choices=choices, coerce=int)
        self.fields["second"] = forms.TypedChoiceField(label="To", choices=choices, coerce=int)
