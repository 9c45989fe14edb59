"""Core of the rules layer: parameters by date, calendar, explanation, exceptions."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from bilim.regulations.core import (
    ConflictingExceptions,
    ExceptionCase,
    NotCovered,
    WorkCalendar,
    add_months,
    params,
    resolve_exceptions,
)
from bilim.regulations.core.outcome import Explanation
from bilim.regulations.mobility.classification import mobility_term

D = dt.date


def test_parameter_before_first_value_is_not_covered() -> None:
    with pytest.raises(NotCovered) as err:
        params.get("osu.short_term_max_months", D(2000, 1, 1))
    assert "not covered" in str(err.value)


def test_amendment_adds_a_dated_version_and_old_dates_keep_the_old_value() -> None:
    amended = params.store().with_version("osu.short_term_max_months", D(2030, 1, 1), 2, decided_by="test amendment")
    with params.using(amended):
        assert params.get("osu.short_term_max_months", D(2029, 12, 31)).value == 1
        new = params.get("osu.short_term_max_months", D(2030, 1, 1))
        assert new.value == 2 and new.decided_by == "test amendment"


def test_unknown_parameter_is_an_error() -> None:
    with pytest.raises(params.UnknownParameter):
        params.get("no.such.parameter", D(2025, 1, 1))


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)


def test_working_days_skip_weekend_and_orozo_ait() -> None:
    cal = WorkCalendar()
    # 2026-03-20 (Friday) is Orozo Ait (Eid al-Fitr) in Kyrgyzstan, 21 March Nooruz (Saturday).
    deadline = cal.add_working_days(D(2026, 3, 19), 1)
    assert deadline.due == D(2026, 3, 23)
    reasons = {s.day: s.reason for s in deadline.skipped}
    assert "Eid al-Fitr" in reasons[D(2026, 3, 20)]
    assert reasons[D(2026, 3, 22)] == "weekend"


def test_closures_and_transferred_working_days() -> None:
    cal = WorkCalendar.build(closures=[(D(2026, 11, 23), "rector's order: quarantine")], extra_working_days=[D(2026, 11, 28)])
    # From Friday 20: weekend and the closed Monday are skipped; Tue-Fri count 1-4 and the
    # transferred Saturday 28 is the 5th working day.
    deadline = cal.add_working_days(D(2026, 11, 20), 5)
    assert [s.day for s in deadline.skipped] == [D(2026, 11, 21), D(2026, 11, 22), D(2026, 11, 23)]
    assert deadline.due == D(2026, 11, 28)
    assert cal.is_working_day(D(2026, 11, 28))


def test_roll_forward_only_when_asked() -> None:
    cal = WorkCalendar()
    assert cal.add_calendar_days(D(2026, 11, 20), 1).due == D(2026, 11, 21)
    rolled = cal.add_calendar_days(D(2026, 11, 20), 1, roll_forward=True)
    assert rolled.due == D(2026, 11, 23) and len(rolled.skipped) == 2


def test_exceptions_conflict_at_same_priority_is_an_error() -> None:
    a = ExceptionCase(1, "X-1", True, "a", "k")
    b = ExceptionCase(1, "X-2", True, "b", "k")
    c = ExceptionCase(2, "X-3", True, "c", "k")
    assert resolve_exceptions([c, ExceptionCase(1, "X-1", False, "a", "k")]) is c
    with pytest.raises(ConflictingExceptions):
        resolve_exceptions([a, b, c])


@pytest.mark.rule("OSU-1.3.5-1", "OSU-1.3.5-2", "OSU-1.3.5-4")
@pytest.mark.parametrize(
    ("start", "end", "term"),
    [
        (D(2026, 3, 1), D(2026, 3, 31), "SHORT"),  # one full month: not more than 1 month
        (D(2026, 3, 10), D(2026, 4, 9), "SHORT"),
        (D(2026, 3, 1), D(2026, 4, 1), "LONG"),  # one day more than a month
        (D(2026, 1, 31), D(2026, 2, 27), "SHORT"),
        (D(2026, 1, 31), D(2026, 2, 28), "LONG"),  # month-end clamping
        (D(2026, 3, 1), D(2026, 3, 1), "SHORT"),
    ],
)
def test_OSU_1_3_5_2_term_boundary(start: dt.date, end: dt.date, term: str) -> None:
    outcome = mobility_term({"start_date": start, "end_date": end}, D(2026, 1, 1))
    assert outcome.value == term
    assert outcome.explanation.params[0].name == "osu.short_term_max_months"


def test_explanation_round_trips_through_json_and_renders_four_languages() -> None:
    outcome = mobility_term({"start_date": "2026-03-01", "end_date": "2026-04-01"}, D(2026, 1, 1))
    data = json.loads(json.dumps(outcome.explanation.to_dict()))
    again = Explanation.from_dict(data)
    assert again.rule_ids == ("OSU-1.3.5-1", "OSU-1.3.5-2", "OSU-1.3.5-4")
    assert "01.03.2026" in again.message("ky") and "узак" in again.message("ky")
    assert "долгосрочная" in again.message("ru")
    assert "long-term" in again.message("en")
    assert "uzun" in again.message("tr")


def test_rules_layer_imports_no_django() -> None:
    code = (
        "import sys; import bilim.regulations as r; r.load_all(); "
        "from bilim.regulations.core import params; params.default_store(); "
        "bad=[m for m in sys.modules if m=='django' or m.startswith('django.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_catalogue_text_parses_each_rule_with_its_heading_section_and_body() -> None:
    """The text shown beside a decision: the rule's own lines, its heading and its enclosing section, and
    nothing of the next heading (a section title ends the rule before it)."""
    from bilim.regulations.core.catalogue_text import rule_texts

    texts = rule_texts()
    g3 = texts["KTMU-39(1)g-3"]
    assert (g3.id, g3.catalogue, g3.heading, g3.section) == (
        "KTMU-39(1)g-3", "KTMU", "status effect; deadline (external)", "Article 39 — Dismissal")
    assert g3.body.startswith("- EN: Item 3: did not submit the thesis within the set period.")
    assert "«Белгиленген мөөнөт ичинде диссертациялык ишин тапшырбаса»" in g3.body
    assert "KTMU-39(1)g-4" not in g3.body
    fd13 = texts["OSU-4.8-FD-13"]
    assert (fd13.catalogue, fd13.heading) == ("OshSU", "Recording recognised subjects")
    assert fd13.section.startswith("2.6 Clause 4.8")
    assert fd13.body.splitlines()[-1].startswith("- **Check:** each `RECOGNISED` decision produces")
    # the last rule of a catalogue is kept too (flushed at the end of the file)
    last = texts["KTMU-BT-8-1"]
    assert last.section == "Item 8 — Entry into force" and last.body.startswith("- EN: The instruction enters into force")


def test_rounding_defaults_to_two_places_half_up_and_truncate_rounds_down() -> None:
    from decimal import Decimal

    from bilim.regulations.core.rounding import round_half_up, truncate

    assert round_half_up(Decimal("2.345")) == Decimal("2.35")  # default 2 places, half up
    assert round_half_up(Decimal("2.344")) == Decimal("2.34")
    assert str(round_half_up(Decimal("2.5"))) == "2.50"
    assert round_half_up(Decimal("82.35"), 1) == Decimal("82.4") and round_half_up(Decimal("82.35"), 0) == Decimal(82)
    assert truncate(Decimal("2.349")) == Decimal("2.34")  # default 2 places, down
    assert str(truncate(Decimal("3.999"))) == "3.99"
    assert truncate(Decimal("3.999"), 1) == Decimal("3.9")


def test_outcome_ok_json_and_round_trip_of_a_model_value() -> None:
    import datetime as dt

    from pydantic import BaseModel

    from bilim.regulations.core.outcome import Explanation, Outcome, Verdict, to_jsonable

    class Row(BaseModel):
        day: dt.date
        n: int

    assert to_jsonable(Row(day=dt.date(2026, 1, 2), n=3)) == {"day": "2026-01-02", "n": 3}
    exp = Explanation(rule_ids=("X-1",), result="PASS", message_key="k", message_values={}, inputs={"a": 1},
                      params=[], children=[], skipped=[], as_of=dt.date(2026, 1, 2))
    assert Outcome(Verdict.PASS, exp).ok is True and Outcome(Verdict.WARN, exp).ok is True
    assert Outcome(Verdict.FAIL, exp).ok is False and Outcome(False, exp).ok is False
    d = Outcome(Row(day=dt.date(2026, 1, 2), n=3), exp).to_dict()
    assert d["value"] == {"day": "2026-01-02", "n": 3} and d["explanation"]["inputs"] == {"a": 1}
    back = Explanation.from_dict(d["explanation"])
    assert back.inputs == {"a": 1} and back.rule_ids == ("X-1",)


def test_numbers_in_messages_use_the_readers_decimal_separator_and_gpa_two_decimals() -> None:
    from decimal import Decimal

    from bilim.regulations.core import messages

    en, ru, ky = (messages._fmt(Decimal("2.5"), lang) for lang in ("en", "ru", "ky"))
    assert (f"{en}", f"{ru}", f"{ky}") == ("2.5", "2,5", "2,5")
    assert (f"{en:gpa}", f"{ru:gpa}") == ("2.50", "2,50")  # a GPA: two decimals, half up
    assert f"{messages._fmt(Decimal('3.335'), 'en'):gpa}" == "3.34"
