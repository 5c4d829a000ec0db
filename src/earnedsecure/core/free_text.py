"""Free-text form fields with the one limit (domain/limits.py): a visible counter, a clear message, no cut.

Django's ``CharField(max_length=...)`` writes ``maxlength`` into the HTML, and browsers then cut a longer
paste silently, without a word. These fields leave ``maxlength`` out, carry the limit in ``data-max-chars``
for the counter (core/static/earnedsecure/text-limit.js), and refuse longer text on the server with
:func:`earnedsecure.domain.limits.too_long_message`, so the form comes back with everything the person typed.
Without JavaScript the limit is still written under the box and enforced by the server.
"""

from django import forms
from django.core.exceptions import ValidationError

from earnedsecure.core.widgets import limited_textarea
from earnedsecure.domain.limits import TEXT_MAX_CHARS, text_too_long


class LimitedTextarea(forms.Textarea):
    """A textarea followed by "Up to 5,000 characters", which the script turns into a live count.

    Written in one pass (``core.widgets.limited_textarea``), the HTML of its template, which includes Django's
    ``textarea.html`` and ``attrs.html``: a form of the diary or the coach has up to four of these boxes.
    """

    template_name = "core/widgets/limited_textarea.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["max_chars"] = f"{TEXT_MAX_CHARS:,}"
        return context

    def _render(self, template_name, context, renderer=None):
        return limited_textarea(context["widget"])


def _within_limit(value: str) -> None:
    message = text_too_long(value)
    if message:
        raise ValidationError(message, code="max_length")


class FreeTextField(forms.CharField):
    """A person's own words: at most TEXT_MAX_CHARS characters, refused (not cut) beyond."""

    def __init__(self, *, widget=None, **kwargs):
        # One limit for every free-text box; a model field's own max_length (None for TextField) is ignored.
        kwargs.pop("max_length", None)
        super().__init__(widget=widget or LimitedTextarea, **kwargs)
        self.validators.append(_within_limit)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        if not widget.is_hidden:
            attrs["data-max-chars"] = str(TEXT_MAX_CHARS)
        return attrs


def free_text_labels() -> dict[str, str]:
    """Name -> label of every free-text field on the app's forms: what a person writes in their own words.

    Read from the form classes themselves (every box for a person's words is a ``FreeTextField``), so a new
    form's words are kept after a session ends (accounts/kept_forms.py) and given back under their own labels
    on the failure pages (core/failsafe.py) the day it is added. Reads no database.
    """
    labels: dict[str, str] = {}
    pending = list(forms.BaseForm.__subclasses__())
    while pending:
        form_class = pending.pop()
        pending.extend(form_class.__subclasses__())
        if not form_class.__module__.startswith("earnedsecure."):
            continue
        for name, field in getattr(form_class, "base_fields", {}).items():
            if isinstance(field, FreeTextField):
                labels.setdefault(name, str(field.label or name.replace("_", " ").capitalize()))
    return labels
