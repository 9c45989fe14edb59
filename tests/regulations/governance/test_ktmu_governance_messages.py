"""The messages and parameters of the KTMU governance range (arts. 4–9, Part B): four languages,
the same placeholders in every language, real Kyrgyz letters, and dated parameters that cite a rule
of the range."""

from __future__ import annotations

import string
from pathlib import Path

import yaml

from bilim.regulations.core import coverage, messages, params

REG = Path(messages.MESSAGES_DIR)
FILES = sorted(REG.glob("ktmu_governance*.yaml"))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_governance_messages_have_four_languages_and_the_same_placeholders() -> None:
    assert FILES
    for path in FILES:
        for key, texts in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            assert set(texts) == set(messages.LANGUAGES), key
            fields = {lang: _fields(texts[lang]) for lang in messages.LANGUAGES}
            assert len({frozenset(v) for v in fields.values()}) == 1, (key, fields)
            assert texts["ky"] != texts["ru"], key


def test_kyrgyz_texts_use_kyrgyz_letters() -> None:
    ky = " ".join(t["ky"] for path in FILES for t in yaml.safe_load(path.read_text(encoding="utf-8")).values())
    assert any(ch in ky for ch in "ңөү")


def test_governance_parameters_cite_rules_of_this_range_and_name_the_deciding_act() -> None:
    store = params.default_store()
    idx = coverage.index()
    own = Path(params.PARAMS_DIR) / "ktmu_governance.yaml"
    mine = sorted(yaml.safe_load(own.read_text(encoding="utf-8")))
    assert mine
    for name in mine:
        par = store.parameter(name)
        assert par.ref in idx, name
        for v in par.versions:
            assert v.decided_by, name
        first = par.versions[0].since.isoformat()
        assert first == ("2000-10-07" if name.startswith("ktmu.bt.") else "2021-09-01"), name
