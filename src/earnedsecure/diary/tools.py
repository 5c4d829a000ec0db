"""Where the soothing tools' pages are. The tools themselves (key, slug, label, summary, time) are the cycle's
vocabulary, written once in ``domain/cycle``; each page is at the tool's slug and uses the template named by
its key (``diary/tools/grounding_54321.html``)."""

from django.urls import reverse

from earnedsecure.domain.cycle import SoothingTool


def tool_url(tool: SoothingTool) -> str:
    return reverse("diary:tool", args=[tool.slug])


def tool_template(tool: SoothingTool) -> str:
    return f"diary/tools/{tool.key}.html"
