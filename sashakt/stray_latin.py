"""Find English left on a Hindi page: Latin words that are not names, codes or numbers.

    from sashakt.stray_latin import assert_no_stray_latin
    assert_no_stray_latin(response.content.decode(), allowed={"Kanpur", "Geeta"})

The page's visible text is read (text nodes, plus the attributes a person sees or hears:
placeholder, alt, title, aria-label, a button's value), skipping <script>, <style> and
anything marked as another language (`lang="en"`, e.g. the "English" switch). E-mail
addresses, URLs and file names are dropped; then every Latin word must be a known code
(LGD, QR, PDF, IIT, MoU, ...) or in `allowed` (the names of people and places on the page).
"""

import re
from html.parser import HTMLParser

# Abbreviations a Hindi page writes in Latin letters on purpose (compared case-insensitively).
CODES = frozenset(
    code.casefold()
    for code in [
        "LGD",
        "QR",
        "PDF",
        "ICS",
        "MoU",
        "MoUs",
        "IIT",
        "IIM",
        "RGSA",
        "DPRO",
        "BDO",
        "AMA",
        "ADO",
        "BDC",
        "SC",
        "ST",
        "OBC",
        "UP",
        "ID",
        "OTP",
        "SMS",
        "API",  # the token page: other systems' interface, named so in Hindi too
        "CSV",
        "XLSX",
        "XLS",
        "AI",
        "GPDP",
        "PAI",
        "Excel",
        "IFSC",  # a bank branch's code (TA/DA bank details)
        "GFR",  # General Financial Rules: form GFR 12-A, the utilisation certificate
        # File kinds named on upload and download buttons.
        "zip",
        "PNG",
        "JPEG",
        "SVG",
        # Statistical notation on the learning results (t-test, p-value, Wilcoxon's W, Hake's
        # g) and the quarters of the RGSA progress report (Q1-Q4): symbols, not English.
        "t",
        "p",
        "W",
        "g",
        "Q",
    ]
)
SKIPPED_ELEMENTS = {"script", "style", "template", "noscript", "svg"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
VISIBLE_ATTRIBUTES = {"placeholder", "alt", "title", "aria-label"}
NOT_WORDS = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail
    r"|(https?://|www\.)\S+"  # URL
    r"|(?<![\w/])/(?:[a-z0-9_.-]+/)+"  # a site path written out, e.g. /api/v1/
    r"|\b[\w-]+\.(xlsx|xls|csv|pdf|ics|png|svg|json)\b"  # file name
    r"|\{\w+\}"  # a placeholder in a wording template, e.g. {programme}
    r"|\{#var#\}"  # a variable in a DLT-registered SMS template
    # A code: capitals and digits in parts joined by - or /, with a digit somewhere
    # (batch IITK-2027-014, certificate IITK/2027/0001, the GSM-7 alphabet).
    r"|(?-i:\b(?=[A-Z0-9/-]*\d)[A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)+\b)",
    re.IGNORECASE,
)
LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’.-][A-Za-z\u00C0-\u024F]+)*")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hidden) for each open element

    @property
    def _hidden(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = (attributes.get("lang") or "").lower()
        hidden = (
            self._hidden
            or tag in SKIPPED_ELEMENTS
            or bool(language and not language.startswith("hi"))
        )
        if not hidden:
            self.chunks += [v for k, v in attrs if k in VISIBLE_ATTRIBUTES and v]
            # An <input type=submit> shows its value; a <button>'s value is only sent.
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.chunks.append(attributes.get("value") or "")
        if tag not in VOID_ELEMENTS:
            self._open.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self._open.pop()

    def handle_endtag(self, tag):
        # Close up to the matching element; browsers forgive unclosed <p> and <li>.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.chunks.append(data)


def visible_text(html: str) -> list[str]:
    """The pieces of text a person sees on the page, in order."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return [" ".join(chunk.split()) for chunk in parser.chunks]


def _allowed_words(allowed) -> set[str]:
    words = set()
    for entry in allowed:
        words.update(w.casefold() for w in LATIN_WORD.findall(entry))
    return words


ROMAN_NUMERAL = re.compile(r"[IVX]{1,5}")


def stray_latin_words(html: str, allowed=()) -> list[tuple[str, str]]:
    """(word, the text it stands in) for every Latin word that is not a name, code or number."""
    permitted = CODES | _allowed_words(allowed)
    found = []
    for chunk in visible_text(html):
        for word in LATIN_WORD.findall(NOT_WORDS.sub(" ", chunk)):
            # Roman numerals number things ("नेतृत्व विकास — II"): numbers, not English.
            if word.casefold() not in permitted and not ROMAN_NUMERAL.fullmatch(word):
                found.append((word, chunk))
    return found


def assert_no_stray_latin(html: str, allowed=()) -> None:
    found = stray_latin_words(html, allowed)
    assert not found, "English words on a Hindi page:\n" + "\n".join(
        f"  {word!r} in {text[:120]!r}" for word, text in found
    )
