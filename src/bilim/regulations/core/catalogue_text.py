"""The text of every catalogue rule (English statement, Kyrgyz quote, check or system note),
parsed from the catalogues shipped in ``catalogue/*.md`` — shown beside each decision's rule IDs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogue"
CATALOGUES = {"oshsu-academic-mobility.md": "OshSU", "ktmu-postgraduate.md": "KTMU"}
_HEADER = re.compile(r"^(?:#### |\*\*)((?:OSU|KTMU)-[^\s*·]+)(?:\*\*)?\s*·\s*(.*)$")


@dataclass(frozen=True)
class RuleText:
    id: str
    catalogue: str
    heading: str  # title (OshSU) or kind (KTMU)
    section: str  # the enclosing article / section heading
    body: str  # the rule's lines as written in the catalogue (markdown)


@lru_cache(maxsize=1)
def rule_texts() -> dict[str, RuleText]:
    texts: dict[str, RuleText] = {}
    for filename, short in CATALOGUES.items():
        section = ""
        current: tuple[str, str, str] | None = None
        body: list[str] = []

        def flush() -> None:
            if current is not None:
                rid, heading, sect = current
                texts[rid] = RuleText(rid, short, heading.strip("* "), sect, "\n".join(body).strip())

        for line in (CATALOGUE_DIR / filename).read_text(encoding="utf-8").splitlines():
            match = _HEADER.match(line)
            if match:
                flush()
                current, body = (match.group(1), match.group(2), section), []
                continue
            if line.startswith("#"):
                flush()
                current, body = None, []
                section = line.lstrip("#").strip()
                continue
            if current is not None:
                body.append(line)
        flush()
    return texts
