"""Core of the rules layer: outcomes, registry, dated parameters, calendar, messages."""

from bilim.regulations.core.calendar import Deadline, WorkCalendar, add_months, default_calendar
from bilim.regulations.core.outcome import Explanation, Outcome, ParamUse, Skipped, Verdict
from bilim.regulations.core.params import NotCovered, register_validator
from bilim.regulations.core.registry import (
    ConflictingExceptions,
    Ctx,
    ExceptionCase,
    Facts,
    RuleError,
    resolve_exceptions,
    rule,
)
from bilim.regulations.core.rounding import D, round_half_up, truncate

__all__ = [
    "ConflictingExceptions",
    "Ctx",
    "D",
    "Deadline",
    "ExceptionCase",
    "Explanation",
    "Facts",
    "NotCovered",
    "Outcome",
    "ParamUse",
    "RuleError",
    "Skipped",
    "Verdict",
    "WorkCalendar",
    "add_months",
    "default_calendar",
    "register_validator",
    "resolve_exceptions",
    "round_half_up",
    "rule",
    "truncate",
]
