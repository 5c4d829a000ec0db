"""The links a page offers in its <main>, so the site header and footer do not count."""

from html.parser import HTMLParser


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside_main = False
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.inside_main = True
        elif tag == "a" and self.inside_main:
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "main":
            self.inside_main = False


def main_links(html: str) -> list[str]:
    """The href of every link inside the page's <main>, in page order."""
    parser = _Links()
    parser.feed(html)
    return parser.hrefs
