"""Crawl the site as a person would and read what the page says (support for test_words_not_codes).

``crawl(client, start)`` walks same-site GET links breadth-first from ``start``, one page per URL
pattern (the resolved view name, the names of its path arguments and the names of the query
parameters), skipping what a reader does not read as a page: log-out, the language switch, file
downloads (PDF, DOCX, XLSX, CSV, XML, feeds), the Django admin and the API. ``visible_text(html)``
is what the reader sees: text nodes and the ``title``/``placeholder``/``aria-label``/``alt``
attributes and button values, outside ``<script>``, ``<style>``, anything marked ``translate="no"``
(HTML's mark for text that stays as written: an HTTP header to type) or ``data-developer`` (the
regulation browser's developer view: source paths, code, test names), and anything whose ``lang``
says it is written in another language (a language's own name, an English title shown as such).
``problems(text)`` lists internal codes and English words in Kyrgyz text.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlsplit

import lxml.html
from django.urls import Resolver404, resolve

# Views and paths that are not pages to read, or that do something when opened.
SKIP_NAMES = re.compile(
    r"(^|:)(logout|set_language|health)$|^admin:|^api:|openapi|swagger|redoc|"
    r"(^|[:_])(download|pdf|docx|xlsx|xml|ewp|csv|feed|export|ics|print|delete|remove|revoke|file|attachment|preview|doc)(_|$)"
)
SKIP_PATH = re.compile(r"^/(admin|api|static|media|i18n|accounts/logout)/|\.(pdf|docx|xlsx|csv|xml|atom|ics|json|zip)$", re.I)
SKIP_QUERY_VALUES = re.compile(r"(^|&)(format|export|download|print|as)=", re.I)
# Query parameters that do not change what kind of page it is.
NEUTRAL_QUERY = {"page", "q", "sort", "order", "o", "per_page", "next"}

# A textarea's text is the value being edited (like an input's value), not the page's words.
INVISIBLE_TAGS = {"script", "style", "template", "head", "title", "textarea"}
TEXT_ATTRS = ("title", "placeholder", "aria-label", "alt")


@dataclass
class Page:
    url: str
    name: str
    status: int
    text: str = ""
    elapsed: float = 0.0


@dataclass
class CrawlResult:
    pages: list[Page] = field(default_factory=list)
    seconds: float = 0.0


def _shape(path: str, query: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    keys = tuple(sorted({k for k, _ in parse_qsl(query, keep_blank_values=True)} - NEUTRAL_QUERY))
    return (match.view_name or path, tuple(sorted(match.kwargs)), keys)


def links(html: str) -> Iterable[str]:
    try:
        doc = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    out = []
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if a.get("download") is not None or not href.startswith("/") or href.startswith("//"):
            continue
        out.append(urldefrag(href)[0])
    return out


def crawl(client: Any, start: str, *, cap: int = 150, per_shape: int = 1) -> CrawlResult:
    result = CrawlResult()
    t0 = time.monotonic()
    queue: deque[str] = deque([start])
    seen_urls: set[str] = {start}
    shapes: dict[Any, int] = {}
    while queue and len(result.pages) < cap:
        url = queue.popleft()
        parts = urlsplit(url)
        if SKIP_PATH.search(parts.path) or SKIP_QUERY_VALUES.search(parts.query):
            continue
        shape = _shape(parts.path, parts.query)
        if shape is None or SKIP_NAMES.search(shape[0]):
            continue
        if shapes.get(shape, 0) >= per_shape:
            continue
        shapes[shape] = shapes.get(shape, 0) + 1
        t1 = time.monotonic()
        r = client.get(url)
        page = Page(url, shape[0], r.status_code, elapsed=time.monotonic() - t1)
        result.pages.append(page)
        ctype = r.get("Content-Type", "")
        location = r.get("Location", "") if 300 <= r.status_code < 400 else ""
        if location.startswith("/") and not location.startswith("//") and location not in seen_urls:
            seen_urls.add(location)  # "my record" pages redirect to the record itself
            queue.append(location)
        if r.status_code != 200 or "text/html" not in ctype:
            continue
        html = r.content.decode(r.charset or "utf-8", errors="replace")
        page.text = visible_text(html)
        for link in links(html):
            if link not in seen_urls:
                seen_urls.add(link)
                queue.append(link)
    result.seconds = time.monotonic() - t0
    return result


HISTORY_MARK = "\x1e"  # prefixed to the lines read inside a record's history section


def is_history(el: Any) -> bool:
    return "history" in (el.get("class") or "").split() or el.get("id") == "history" or el.get("data-testid") == "history"


def visible_text(html: str) -> str:
    """The words a reader sees, one text node or attribute per line (history lines marked ``HISTORY_MARK``)."""
    doc = lxml.html.fromstring(html)
    body = doc.find("body")
    root = body if body is not None else doc
    chunks: list[str] = []

    def walk(el: Any, history: bool = False) -> None:
        if not isinstance(el.tag, str):
            return  # comments, processing instructions
        if el.tag in INVISIBLE_TAGS or el.get("data-developer") is not None or el.get("hidden") is not None:
            return
        if el.get("translate") == "no":
            return  # HTML's own mark for text that stays as written: an HTTP header, a command
        if (el.get("lang") or "ky").split("-")[0] != "ky":
            return  # deliberately in another language (a language's own name, a title quoted in the original)
        if el.tag == "input" and (el.get("type") or "").lower() == "hidden":
            return
        history = history or is_history(el)
        mark = HISTORY_MARK if history else ""
        for attr in TEXT_ATTRS:
            if el.get(attr):
                chunks.append(mark + el.get(attr))
        if el.tag == "input" and (el.get("type") or "").lower() in {"submit", "button", "reset"} and el.get("value"):
            chunks.append(mark + el.get("value"))
        if el.text and el.text.strip():
            chunks.append(mark + el.text.strip())
        for child in el:
            walk(child, history)
            if child.tail and child.tail.strip():
                chunks.append(mark + child.tail.strip())

    walk(root)
    return "\n".join(chunks)


# ---------------------------------------------------------------------------------------------- checks
UPPER_SNAKE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
ROLE_CODE = re.compile(r"\brole:[a-z_]+")
ARROW_CODES = re.compile(r"\b[A-Z]{3,}\s*(?:→|->)\s*[A-Z]{3,}\b")
PY_REPR = re.compile(r"\{'|\[\(|\[\{|\('|\bNone\b|\bTrue\b|\bFalse\b|<bilim\.|object at 0x")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’]*")
URLISH = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|/[\w./?=&%-]+")
# Rule IDs are cited on purpose (KTMU-BT-4-5, OSU-3.4-1); a token with a digit is a record's number or code (MID1, TFT2JA).
CITED = re.compile(r"\b(?:KTMU|OSU|GEN)-[\w().-]*\w")
WITH_DIGIT = re.compile(r"\b\w*\d\w*\b")

# Latin words a Kyrgyz page may show: acronyms and names of standards, programmes and file formats.
ALLOWED_LATIN = {
    "ECTS", "GPA", "CGPA", "ALES", "PDF", "XLSX", "DOCX", "CSV", "XML", "EWP", "Erasmus", "ELMO", "API", "JSON",
    "OpenAPI", "Swagger", "ORCID", "DOI", "ISBN", "ISSN", "ID", "URL", "HTML", "PhD", "KTMU", "OshSU", "Bilim",
    "Mevlana", "Atom", "YDS", "YÖKDİL", "TOEFL", "IELTS", "CEFR", "A1", "A2", "B1", "B2", "C1", "C2", "IBAN",
    "SWIFT", "OMobility", "IMobility", "ToR", "LA", "UTC", "AVN", "MB", "KB", "GRE", "GMAT", "ISO", "JPG", "PNG",
    "ITEC", "SCHAC", "Word", "Excel", "DAAD", "SCO", "Orhun", "SMTP",
    "AA", "BA", "BB", "CB", "CC", "DC", "DD", "FD", "FF",  # KTMU letter grades (art. 32)
    "Authorization", "Bearer",  # the HTTP header a program sends with an API token, typed exactly as written
}


def problems(text: str, *, allowed: set[str], history: bool = False) -> list[str]:
    """Snippets of ``text`` (Kyrgyz) that show a code or an English word: outside the history sections,
    or (``history=True``) inside them."""
    found: list[str] = []
    for line in text.split("\n"):
        if line.startswith(HISTORY_MARK) != history:
            continue
        line = line.lstrip(HISTORY_MARK)
        clean = CITED.sub(" ", URLISH.sub(" ", line))
        hits = []
        for rx, what in ((UPPER_SNAKE, "code"), (ROLE_CODE, "role code"), (ARROW_CODES, "codes"),
                         (PY_REPR, "Python value"), (SNAKE, "identifier")):
            hits += [f"{what} «{m.group(0)}»" for m in rx.finditer(clean)]
        for m in LATIN_WORD.finditer(WITH_DIGIT.sub(" ", clean)):
            w = m.group(0).strip("'’")
            if len(w) < 2 or w in allowed or w.upper() in allowed or w.lower() in allowed:
                continue
            if UPPER_SNAKE.fullmatch(w) or SNAKE.fullmatch(w):
                continue
            hits.append(f"Latin «{w}»")
        if hits:
            found.append(f"{'; '.join(dict.fromkeys(hits))} in: {line[:140]}")
    return found
