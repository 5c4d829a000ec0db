"""core.widgets: the one-pass widgets write the same HTML as Django's own, without a template per option."""

from datetime import datetime

import pytest
from django import forms
from django.test.html import parse_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from earnedsecure.core.free_text import FreeTextField, LimitedTextarea
from earnedsecure.core.widgets import (
    OnePassCheckboxSelectMultiple,
    OnePassDateInput,
    OnePassDateTimeInput,
    OnePassNumberInput,
    OnePassRadioSelect,
    OnePassSelect,
    OnePassTextInput,
)

CHOICES = [
    ("", "---------"),
    (1, "1 Jan 2026 — anxiety 3.22 · avoidance 2.11"),
    (2, 'Tom & "Jerry" <b>it\'s</b>'),
    ("a<b", "a value to escape"),
    (3, mark_safe("<em>already safe</em>")),
    (4, gettext_lazy("A lazy label")),
]


@pytest.mark.parametrize("value", [None, "", 1, "2", "a<b", [3]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_first", "required": True, "aria-describedby": "first_help"}])
def test_it_renders_what_djangos_select_renders(value, attrs):
    ours = OnePassSelect(choices=CHOICES).render("first", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("first", value, attrs=attrs)
    assert parse_html(ours) == parse_html(django)


def test_it_escapes_the_labels_and_values():
    html = OnePassSelect(choices=CHOICES).render("first", 2)
    assert "<b>" not in html
    assert "Tom &amp; &quot;Jerry&quot; &lt;b&gt;it&#x27;s&lt;/b&gt;" in html
    assert 'value="a&lt;b"' in html
    assert "<em>already safe</em>" in html
    assert '<option value="2" selected>' in html


OPTIONS = [(0, "0"), (1, 'Tom & "Jerry"'), ("a<b", mark_safe("<em>safe</em>")), ("", "Not recorded")]


@pytest.mark.parametrize(
    ("ours", "djangos", "field_class"),
    [
        (OnePassRadioSelect, forms.RadioSelect, forms.ChoiceField),
        (OnePassCheckboxSelectMultiple, forms.CheckboxSelectMultiple, forms.MultipleChoiceField),
    ],
)
@pytest.mark.parametrize("data", [{}, {"pick": "1"}, {"pick": "a<b"}, {"pick": ["0", "1"]}])
@pytest.mark.parametrize("required", [True, False])
def test_each_option_tag_is_what_django_writes(ours, djangos, field_class, data, required):
    def bound(widget):
        class Form(forms.Form):
            pick = field_class(
                choices=OPTIONS, required=required, widget=widget(attrs={"aria-describedby": "pick_help"})
            )

        return Form(data or None)["pick"]

    ours_field, djangos_field = bound(ours), bound(djangos)
    ours_tags = [choice.tag() for choice in ours_field]
    assert ours_tags == [choice.tag() for choice in djangos_field]
    assert parse_html(str(ours_field)) == parse_html(str(djangos_field))  # the whole widget, as usual
    assert 'value="a&lt;b"' in ours_tags[2]


@pytest.mark.parametrize("data", [None, {"sd": "1.25"}, {"sd": ""}, {"sd": 'a<b "c"'}, {"sd": "9"}])
def test_a_number_field_is_what_django_writes(data):
    def bound(widget):
        class Form(forms.Form):
            sd = forms.FloatField(
                min_value=0.5, max_value=2, help_text="How spread out", widget=widget(attrs={"class": "narrow"})
            )

        return Form(data, initial={"sd": 1.1})["sd"]

    ours, djangos = bound(OnePassNumberInput), bound(forms.NumberInput)
    assert str(ours) == str(djangos)
    assert 'step="any"' in str(ours) and 'min="0.5"' in str(ours)


@pytest.mark.parametrize(
    ("ours", "djangos"),
    [
        (OnePassTextInput, forms.TextInput),
        (OnePassDateTimeInput, forms.DateTimeInput),
        (OnePassDateInput, forms.DateInput),
    ],
)
@pytest.mark.parametrize("value", [None, "", 'Tom & "Jerry" <b>', "2026-06-03T12:30"])
def test_text_and_date_inputs_are_what_django_writes(ours, djangos, value):
    attrs = {"placeholder": "tight chest, hot face…", "aria-describedby": "x_helptext", "required": True}
    assert ours(attrs=attrs).render("x", value) == djangos(attrs=attrs).render("x", value)


def test_a_day_is_written_as_djangos_date_input_writes_it():
    shape = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
    html = OnePassDateInput(**shape).render("x", datetime(2026, 6, 3).date())
    assert html == forms.DateInput(**shape).render("x", datetime(2026, 6, 3).date())
    assert 'type="date"' in html and 'value="2026-06-03"' in html


def test_a_moment_is_written_as_djangos_datetime_input_writes_it():
    moment, shape = datetime(2026, 6, 3, 12, 30), {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}
    html = OnePassDateTimeInput(**shape).render("x", moment)
    assert html == forms.DateTimeInput(**shape).render("x", moment)
    assert 'type="datetime-local"' in html and 'value="2026-06-03T12:30"' in html


@pytest.mark.parametrize("data", [None, {"note": ""}, {"note": "Tom & <b>Jerry</b>\nand a second line"}])
@pytest.mark.parametrize("attrs", [None, {"rows": 3, "aria-describedby": "id_note_helptext"}])
def test_the_limited_textarea_is_what_its_template_writes(data, attrs):
    class Form(forms.Form):
        note = FreeTextField(required=False, widget=LimitedTextarea(attrs=attrs))

    field = Form(data, initial={"note": "Before"})["note"]
    widget = field.field.widget
    context = widget.get_context(field.html_name, field.value(), field.build_widget_attrs({"id": field.auto_id}))
    assert str(field) == forms.Widget._render(widget, widget.template_name, context)  # the template itself
    assert "Up to 5,000 characters." in str(field)
