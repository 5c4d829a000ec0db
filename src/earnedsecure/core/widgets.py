"""Form widgets that render in one pass.

Django's ``Select`` renders each ``<option>`` through its own template: fine for ten choices, but the time-zone
list has about 430 and a check-in history can have a hundred, and rendering those option by option was most
of the cost of the account settings and trajectory pages. ``OnePassSelect`` writes the same HTML in one join:
same name, id, attributes (required, aria-describedby) and selected option.
"""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _escaped(value) -> str:
    """``conditional_escape`` (safe HTML kept, anything else escaped) without its lazy-text wrapper, which
    cost more than the escaping itself over hundreds of options."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


class OnePassSelect(forms.Select):
    """A ``<select>`` of flat choices (no groups), rendered without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = mark_safe(
            "\n".join(
                f'<option value="{_escaped(choice)}"{" selected" if str(choice) in chosen else ""}>'
                f"{_escaped(label)}</option>"
                for choice, label in ((("" if v is None else v), label) for v, label in self.choices)
            )
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>\n{}\n</select>", flatatt(final_attrs), options)


def _attributes(attrs: dict) -> str:
    """Django's ``attrs.html``: each attribute in its order, True as a bare name, False left out."""
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """Django's ``input.html`` (with ``attrs.html``) for one widget context, in one f-string."""
    value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
    return mark_safe(
        f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"{value}'
        f"{_attributes(widget['attrs'])}>"
    )


def limited_textarea(widget: dict) -> str:
    """``core/widgets/limited_textarea.html`` (Django's ``textarea.html`` and the count under it) in one
    f-string, for ``core.free_text.LimitedTextarea``."""
    value = _escaped(widget["value"]) if widget["value"] else ""
    box = widget["attrs"].get("id", "")
    return mark_safe(
        f'<textarea name="{_escaped(widget["name"])}"{_attributes(widget["attrs"])}>\n{value}</textarea>\n\n'
        f'<span class="char-count" id="{_escaped(box)}_count" data-char-count-for="{_escaped(box)}">'
        f"Up to {_escaped(widget['max_chars'])} characters.</span>"
    )


class OnePassOptions:
    """Radio buttons and checkboxes whose ``<input>`` (``{{ choice.tag }}`` in a page's template) is written
    directly, the HTML of Django's ``input.html``, instead of through two templates per option: the 0-10 scales,
    triggers and urges of the diary forms have about thirty. The whole widget (``{{ field }}``) renders as usual.
    """

    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        if template_name != self.option_template_name or widget["wrap_label"]:
            return super()._render(template_name, context, renderer)
        return _input(widget)


class OnePassRadioSelect(OnePassOptions, forms.RadioSelect):
    pass


class OnePassCheckboxSelectMultiple(OnePassOptions, forms.CheckboxSelectMultiple):
    pass


class OnePassInput:
    """An ``<input>`` written directly, the HTML of Django's ``text.html``, ``number.html`` or ``datetime.html``
    (each includes ``input.html`` and ``attrs.html``): three templates per field were most of the check-in
    settings page, with ten number fields, and much of the diary's edit page."""

    def _render(self, template_name, context, renderer=None):
        return _input(context["widget"])


class OnePassNumberInput(OnePassInput, forms.NumberInput):
    pass


class OnePassTextInput(OnePassInput, forms.TextInput):
    pass


class OnePassDateTimeInput(OnePassInput, forms.DateTimeInput):
    pass


class OnePassDateInput(OnePassInput, forms.DateInput):
    pass
