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
