"""The six kinds of records Bilim brings in and gives out: students, staff, programmes, courses, offerings, grades.

Each kind is a list of columns — the header people see (translated), the spellings AVN and 1C put in their
exports (Kyrgyz, Russian, English) — a row cleaner that turns the row's text into values or says, per column,
what is wrong (in the reader's language), a writer that creates or updates the record (with an audit row) and
an exporter that writes the records in the same columns, so an export can be imported again.

Headers are matched after normalisation (case, spaces, ``ё``/``е``, a trailing ``*`` or ``:``); the label of
each column in each of the four languages is always accepted, and so are the aliases listed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from bilim.apps.audit.models import AuditEvent
from bilim.apps.audit.services import record, snapshot
from bilim.apps.core.numbers import AMOUNT, Domain, NumberError, parse_decimal
from bilim.apps.curriculum.models import LANGUAGES_OF_INSTRUCTION, Course, Offering, Programme, Term
from bilim.apps.org.models import Institution, Unit
from bilim.apps.people.models import Level, Person, Staff, Student

LANGS = ("ky", "ru", "en", "tr")


class RowError(Exception):
    """A value that does not fit, said in the reader's language; ``column`` is the column's key."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def normalise(header: str) -> str:
    text = str(header).replace("ё", "е").replace("Ё", "Е").casefold()
    text = re.sub(r"[\s_]+", " ", text).strip().rstrip("*:").strip()
    return text


@dataclass(frozen=True)
class Col:
    key: str
    label: Any  # lazy, translated
    aliases: tuple[str, ...] = ()  # what AVN / 1C exports call it (ky, ru, en)
    required: bool = False

    def spellings(self) -> set[str]:
        names = {normalise(self.key), *(normalise(a) for a in self.aliases)}
        for lang in LANGS:
            with translation.override(lang):
                names.add(normalise(str(self.label)))
        return names


# --- value parsers: each raises RowError(column, message) ------------------------------------------------------


def text(row: dict[str, str], key: str, *, required: bool = False, max_length: int = 300) -> str:
    value = row.get(key, "").strip()
    if required and not value:
        raise RowError(key, _("This value is required."))
    if len(value) > max_length:
        raise RowError(key, _("At most %(n)s characters.") % {"n": max_length})
    return value


def date(row: dict[str, str], key: str, *, required: bool = False) -> dt.date | None:
    value = row.get(key, "").strip()
    if not value:
        if required:
            raise RowError(key, _("This value is required."))
        return None
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RowError(key, _("“%(value)s” is not a date; write it as dd.mm.yyyy.") % {"value": value})


def num(row: dict[str, str], key: str, domain: Domain, *, required: bool = False, on: dt.date | None = None) -> Decimal | None:
    try:
        return parse_decimal(row.get(key, ""), domain, required=required, on=on)
    except NumberError as exc:
        raise RowError(key, exc.message) from None


def whole(row: dict[str, str], key: str, default: int, *, minimum: int = 0, maximum: int = 32767) -> int:
    value = row.get(key, "").strip()
    if not value:
        return default
    if not re.fullmatch(r"\d+", value) or not minimum <= int(value) <= maximum:
        raise RowError(key, _("Enter a whole number from %(lo)s to %(hi)s.") % {"lo": minimum, "hi": maximum})
    return int(value)


_YES = {"1", "yes", "true", "ооба", "да", "evet", "+"}
_NO = {"0", "no", "false", "жок", "нет", "hayır", "hayir", "-"}


def boolean(row: dict[str, str], key: str, default: bool) -> bool:
    value = row.get(key, "").strip().casefold()
    if not value:
        return default
    if value in _YES or value == str(_("Yes")).casefold():
        return True
    if value in _NO or value == str(_("No")).casefold():
        return False
    raise RowError(key, _("Write yes or no."))


@lru_cache(maxsize=64)
def _choice_names(choices: tuple[tuple[str, Any], ...], extra: tuple[tuple[str, str], ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for code, label in choices:
        names[normalise(code)] = code
        for lang in LANGS:
            with translation.override(lang):
                names.setdefault(normalise(str(label)), code)
    for alias, code in extra:
        names.setdefault(normalise(alias), code)
    return names


def choice(row: dict[str, str], key: str, choices: Iterable[tuple[str, Any]], default: str | None = None,
           extra: tuple[tuple[str, str], ...] = ()) -> str:
    """A code chosen by its code or its label in any of the four languages (or a listed alias)."""
    value = row.get(key, "").strip()
    if not value:
        if default is None:
            raise RowError(key, _("This value is required."))
        return default
    names = _choice_names(tuple((c, label) for c, label in choices), extra)
    found = names.get(normalise(value))
    if found is None:
        shown = ", ".join(str(label) for code, label in choices if code)
        raise RowError(key, _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": shown})
    return found


# --- the context of one file: who imports, where they may write, what the file already said --------------------


@dataclass
class Context:
    actor: Any
    units: set[int] | None  # units the actor may write in (None: everywhere — the administrator)
    institutions: list[Institution]
    seen: dict[Any, int] = field(default_factory=dict)  # a record's key → the row that named it first

    def check_unit(self, unit: Unit, column: str) -> None:
        if self.units is not None and unit.pk not in self.units:
            raise RowError(column, _("You may not import records of %(unit)s.") % {"unit": unit.name(translation.get_language() or "ky")
                                                                                  if hasattr(unit, "name") else str(unit)})

    def once(self, key: Any, number: int, column: str) -> None:
        first = self.seen.setdefault(key, number)
        if first != number:
            raise RowError(column, _("The same record is already in row %(row)s of this file.") % {"row": first})

    def institution(self, row: dict[str, str]) -> Institution:
        value = row.get("institution", "").strip()
        if not value:
            if len(self.institutions) == 1:
                return self.institutions[0]
            raise RowError("institution", _("Name the institution (e.g. %(codes)s).") % {"codes": ", ".join(i.code for i in self.institutions[:4])})
        wanted = normalise(value)
        for inst in self.institutions:
            if wanted in {normalise(inst.code), normalise(inst.name_ky), normalise(inst.name_ru), normalise(inst.name_en), normalise(inst.name_tr)}:
                return inst
        raise RowError("institution", _("Unknown institution “%(value)s”.") % {"value": value})


def _unit(ctx: Context, inst: Institution, row: dict[str, str], key: str = "unit") -> Unit:
    value = text(row, key, required=True)
    unit = Unit.objects.filter(institution=inst, code__iexact=value).first()
    if unit is None:
        for u in Unit.objects.filter(institution=inst):
            if normalise(value) in {normalise(u.name_ky), normalise(u.name_ru), normalise(u.name_en)}:
                unit = u
                break
    if unit is None:
        raise RowError(key, _("Unknown unit “%(value)s” in %(inst)s.") % {"value": value, "inst": inst.code})
    ctx.check_unit(unit, key)
    return unit


def _programme(ctx: Context, inst: Institution, row: dict[str, str], *, required: bool = True) -> Programme | None:
    value = text(row, "programme", required=required)
    if not value:
        return None
    programme = Programme.objects.select_related("unit").filter(institution=inst, code__iexact=value).first()
    if programme is None:
        raise RowError("programme", _("Unknown programme “%(value)s” in %(inst)s.") % {"value": value, "inst": inst.code})
    return programme


def _term(inst: Institution, row: dict[str, str]) -> Term:
    year = text(row, "year", required=True)
    kind = choice(row, "term", Term.Kind.choices, extra=(("1", "fall"), ("2", "spring"), ("3", "summer"), ("күзгү", "fall"), ("жазгы", "spring"),
                                                       ("жайкы", "summer"), ("осенний", "fall"), ("весенний", "spring"), ("летний", "summer")))
    term = Term.objects.select_related("year").filter(year__institution=inst, year__code=year.replace("/", "-").replace(" ", ""), kind=kind).first()
    if term is None:
        raise RowError("year", _("%(inst)s has no term %(year)s %(term)s.") % {"inst": inst.code, "year": year, "term": kind})
    return term


def _value(v: Any) -> Any:
    if isinstance(v, str):
        try:
            return Decimal(v)  # "1500.5" and "1500.50" are the same amount
        except ArithmeticError:
            return v
    return v


def same_values(before: dict[str, Any], after: dict[str, Any], ignore: tuple[str, ...] = ()) -> bool:
    keys = (set(before) | set(after)) - set(ignore)
    return all(_value(before.get(k)) == _value(after.get(k)) for k in keys)


def _upsert(ctx: Context, model: type[models.Model], clean: dict[str, Any], fields: tuple[str, ...]) -> str:
    """Create a record of ``model`` in the row's institution, or update the one the row names, from the cleaned ``fields``."""
    existing = clean["existing"]
    before = snapshot(existing) if existing else None
    obj = existing or model(institution=clean["institution"])
    for f in fields:
        setattr(obj, f, clean[f])
    return _save(ctx.actor, obj, before, "import")


def _save(actor: Any, obj: models.Model, before: dict[str, Any] | None, reason: str) -> str:
    """Save ``obj`` and write its audit row; ``unchanged`` when an update changes nothing (no row, no audit)."""
    if before is not None and obj.pk is not None and same_values(before, snapshot(obj)):
        return "unchanged"
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    record(actor=actor, action=AuditEvent.Action.UPDATE if before is not None else AuditEvent.Action.CREATE, obj=obj, before=before,
           reason=reason)
    return "updated" if before is not None else "created"


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _n(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


def _label(choices: Iterable[tuple[str, Any]], code: str) -> str:
    return next((str(label) for c, label in choices if c == code), code) if code else ""


# --- kinds ---------------------------------------------------------------------------------------------------


@dataclass
class Kind:
    code: str
    title: Any
    list_url: str
    columns: list[Col]
    clean: Callable[[Context, dict[str, str], int], dict[str, Any]]
    write: Callable[[Context, dict[str, Any]], str]
    export_rows: Callable[[Any, set[int] | None], Iterable[list[str]]]
    help: Any = ""

    def column(self, key: str) -> Col:
        return next(c for c in self.columns if c.key == key)


INSTITUTION = Col("institution", _l("Institution"), ("окуу жай", "жогорку окуу жай", "вуз", "учебное заведение", "university"))


# students ------------------------------------------------------------------------------------------------------

STUDENT_COLUMNS = [
    Col("student_number", _l("Student number"), ("студенттик номер", "студенттин номери", "номер студента", "номер зачетной книжки", "№ зачетной книжки", "№ студенческого билета",
                                                 "зачетная книжка", "№ зачетки", "шифр студента", "student id", "id"), True),
    Col("last_name", _l("Last name"), ("фамилиясы", "фамилия", "surname"), True),
    Col("first_name", _l("First name"), ("аты", "имя", "given name"), True),
    Col("patronymic", _l("Patronymic"), ("атасынын аты", "отчество", "middle name")),
    Col("last_name_latin", _l("Last name (Latin)"), ("фамилиясы (латынча)", "фамилия (латиница)", "фамилия латиницей", "surname (latin)")),
    Col("first_name_latin", _l("First name (Latin)"), ("аты (латынча)", "имя (латиница)", "имя латиницей", "given name (latin)")),
    Col("birth_date", _l("Date of birth"), ("туулган күнү", "туулган датасы", "дата рождения", "birth date")),
    Col("citizenship", _l("Citizenship"), ("жарандыгы", "гражданство")),
    Col("email", _l("E-mail"), ("электрондук почта", "эл. почта", "email", "e-mail адрес")),
    Col("phone", _l("Phone"), ("телефону", "телефон")),
    INSTITUTION,
    Col("programme", _l("Programme code"), ("программа", "программанын коду", "адистик", "направление", "код направления",
                                           "шифр направления", "специальность", "programme", "program")),
    Col("year_of_study", _l("Year of study"), ("курсу", "курс", "окуу жылы (курс)")),
    Col("semester", _l("Semester"), ("семестри", "семестр")),
    Col("funding", _l("Funding"), ("каржылоо", "финансирование", "форма оплаты", "основа обучения")),
    Col("tuition_debt", _l("Tuition debt (KGS)"), ("карызы", "задолженность", "долг", "задолженность по оплате", "debt")),
    Col("admitted_on", _l("Admitted on"), ("кабыл алынган күнү", "дата зачисления", "зачислен")),
    Col("status", _l("Status"), ("абалы", "статус", "состояние")),
]
FUNDING_ALIASES = (("бюджет", "budget"), ("контракт", "contract"), ("келишим", "contract"), ("договор", "contract"), ("платно", "contract"))


def _clean_student(ctx: Context, row: dict[str, str], number: int) -> dict[str, Any]:
    out: dict[str, Any] = {"student_number": text(row, "student_number", required=True, max_length=30)}
    ctx.once(("student", out["student_number"].casefold()), number, "student_number")
    inst = ctx.institution(row)
    programme = _programme(ctx, inst, row)
    assert programme is not None
    ctx.check_unit(programme.unit, "programme")
    existing = Student.objects.select_related("person").filter(student_number=out["student_number"]).first()
    if existing is not None:
        ctx.check_unit(existing.unit, "student_number")
    for key, length in (("last_name", 120), ("first_name", 120), ("patronymic", 120), ("last_name_latin", 120), ("first_name_latin", 120),
                        ("phone", 60)):
        out[key] = text(row, key, required=key in ("last_name", "first_name"), max_length=length)
    out["email"] = text(row, "email", max_length=254)
    if out["email"]:
        try:
            validate_email(out["email"])
        except ValidationError:
            raise RowError("email", _("“%(value)s” is not an e-mail address.") % {"value": out["email"]}) from None
    citizenship = text(row, "citizenship", max_length=2) or "KG"
    if not re.fullmatch(r"[A-Za-z]{2}", citizenship):
        raise RowError("citizenship", _("Write the two-letter country code, e.g. KG."))
    out["citizenship"] = citizenship.upper()
    out["birth_date"] = date(row, "birth_date")
    out["admitted_on"] = date(row, "admitted_on")
    out["year_of_study"] = whole(row, "year_of_study", 1, minimum=1, maximum=10)
    out["semester"] = whole(row, "semester", 1, minimum=1, maximum=20)
    out["funding"] = choice(row, "funding", Student.Funding.choices, Student.Funding.BUDGET, FUNDING_ALIASES)
    out["tuition_debt"] = num(row, "tuition_debt", AMOUNT) or Decimal("0")
    out["status"] = choice(row, "status", Student.Status.choices, existing.status if existing else Student.Status.ACTIVE)
    if existing is not None and out["status"] != existing.status:
        # a student's status is the effect of a workflow step (leave W-17/18, dismissal W-19, return, graduation)
        raise RowError("status", _("A student's status changes through its own steps (leave, return, dismissal, graduation), not by an import."))
    out.update(institution=inst, programme=programme, existing=existing)
    return out


PERSON_FIELDS = ("last_name", "first_name", "patronymic", "last_name_latin", "first_name_latin", "birth_date", "citizenship", "email", "phone")


def _write_person(ctx: Context, person: Person | None, clean: dict[str, Any]) -> Person:
    before = snapshot(person) if person is not None else None
    person = person or Person()
    for f in PERSON_FIELDS:
        if f in clean:
            setattr(person, f, clean[f])
    _save(ctx.actor, person, before, "import")
    return person


def _write_student(ctx: Context, clean: dict[str, Any]) -> str:
    existing: Student | None = clean["existing"]
    person = _write_person(ctx, existing.person if existing else None, clean)
    before = snapshot(existing) if existing else None
    student = existing or Student(person=person)
    programme: Programme = clean["programme"]
    student.institution, student.unit, student.programme, student.level = clean["institution"], programme.unit, programme, programme.level
    for f in ("student_number", "year_of_study", "semester", "funding", "tuition_debt", "admitted_on", "status"):
        setattr(student, f, clean[f])
    return _save(ctx.actor, student, before, "import")


def _export_students(user: Any, units: set[int] | None) -> Iterable[list[str]]:
    qs = Student.objects.select_related("person", "institution", "programme").order_by("student_number")
    if units is not None:
        qs = qs.filter(unit_id__in=units)
    for s in qs.iterator(chunk_size=500):
        p = s.person
        yield [s.student_number, p.last_name, p.first_name, p.patronymic, p.last_name_latin, p.first_name_latin, _d(p.birth_date), p.citizenship,
               p.email, p.phone, s.institution.code, s.programme.code, str(s.year_of_study), str(s.semester),
               _label(Student.Funding.choices, s.funding), _n(s.tuition_debt), _d(s.admitted_on), _label(Student.Status.choices, s.status)]


# staff ---------------------------------------------------------------------------------------------------------

STAFF_COLUMNS = [
    *STUDENT_COLUMNS[1:10],
    INSTITUTION,
    Col("unit", _l("Unit code"), ("бөлүм", "кафедра", "подразделение", "факультет", "unit", "department")),
    Col("kind", _l("Kind of staff"), ("кызматкердин түрү", "категория", "вид персонала")),
    Col("position", _l("Position"), ("кызматы", "должность")),
    Col("degree", _l("Degree"), ("илимий даражасы", "ученая степень", "степень")),
    Col("title", _l("Academic title"), ("илимий наамы", "ученое звание", "звание")),
    Col("full_time", _l("Full-time"), ("штаттык", "штатный", "основное место работы")),
    Col("since", _l("Employed since"), ("иштей баштаган күнү", "дата приема", "принят")),
]


def _clean_staff(ctx: Context, row: dict[str, str], number: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, length in (("last_name", 120), ("first_name", 120), ("patronymic", 120), ("last_name_latin", 120), ("first_name_latin", 120),
                        ("phone", 60), ("email", 254)):
        out[key] = text(row, key, required=key in ("last_name", "first_name"), max_length=length)
    if out["email"]:
        try:
            validate_email(out["email"])
        except ValidationError:
            raise RowError("email", _("“%(value)s” is not an e-mail address.") % {"value": out["email"]}) from None
    out["birth_date"] = date(row, "birth_date")
    out["citizenship"] = (text(row, "citizenship", max_length=2) or "KG").upper()
    inst = ctx.institution(row)
    unit = _unit(ctx, inst, row)
    ctx.once(("staff", unit.pk, out["last_name"].casefold(), out["first_name"].casefold(), out["patronymic"].casefold()), number, "last_name")
    out["kind"] = choice(row, "kind", Staff.Kind.choices, Staff.Kind.ACADEMIC)
    out["position"] = text(row, "position", max_length=120)
    out["degree"] = choice(row, "degree", Staff.Degree.choices, "")
    out["title"] = choice(row, "title", Staff.Title.choices, "")
    out["full_time"] = boolean(row, "full_time", True)
    out["since"] = date(row, "since")
    out.update(institution=inst, unit=unit)
    out["existing"] = Staff.objects.select_related("person").filter(
        unit=unit, person__last_name__iexact=out["last_name"], person__first_name__iexact=out["first_name"],
        person__patronymic__iexact=out["patronymic"]).first()
    return out


def _write_staff(ctx: Context, clean: dict[str, Any]) -> str:
    existing: Staff | None = clean["existing"]
    person = _write_person(ctx, existing.person if existing else None, clean)
    before = snapshot(existing) if existing else None
    staff = existing or Staff(person=person)
    staff.institution, staff.unit = clean["institution"], clean["unit"]
    for f in ("kind", "position", "degree", "title", "full_time", "since"):
        setattr(staff, f, clean[f])
    return _save(ctx.actor, staff, before, "import")


def _export_staff(user: Any, units: set[int] | None) -> Iterable[list[str]]:
    qs = Staff.objects.select_related("person", "institution", "unit").order_by("person__last_name", "pk")
    if units is not None:
        qs = qs.filter(unit_id__in=units)
    for s in qs.iterator(chunk_size=500):
        p = s.person
        yield [p.last_name, p.first_name, p.patronymic, p.last_name_latin, p.first_name_latin, _d(p.birth_date), p.citizenship, p.email, p.phone,
               s.institution.code, s.unit.code, _label(Staff.Kind.choices, s.kind), s.position, _label(Staff.Degree.choices, s.degree),
               _label(Staff.Title.choices, s.title), str(_("Yes") if s.full_time else _("No")), _d(s.since)]


# programmes ----------------------------------------------------------------------------------------------------

PROGRAMME_COLUMNS = [
    INSTITUTION,
    Col("code", _l("Code"), ("коду", "код", "шифр"), True),
    Col("unit", _l("Faculty / institute code"), ("факультет", "институт", "факультет / институт", "faculty")),
    Col("name_ky", _l("Name (Kyrgyz)"), ("аталышы (кыргызча)", "наименование (кыргызский)", "аталышы"), True),
    Col("name_ru", _l("Name (Russian)"), ("аталышы (орусча)", "наименование", "наименование (русский)")),
    Col("name_en", _l("Name (English)"), ("аталышы (англисче)", "наименование (английский)"), True),
    Col("name_tr", _l("Name (Turkish)"), ("аталышы (түркчө)", "наименование (турецкий)")),
    Col("level", _l("Level"), ("деңгээли", "уровень", "ступень")),
    Col("languages", _l("Languages of instruction"), ("окутуу тили", "язык обучения", "языки обучения")),
    Col("normative_semesters", _l("Normative duration (semesters)"), ("ченемдик мөөнөтү (семестр)", "нормативный срок (семестров)")),
    Col("with_thesis", _l("With thesis"), ("диссертация менен", "с диссертацией")),
    Col("is_active", _l("Active"), ("активдүү", "действует")),
]
LEVEL_ALIASES = (("бакалавриат", "bachelor"), ("магистратура", "master"), ("докторантура", "doctorate"), ("аспирантура", "doctorate"),
                 ("колледж", "college"))


def _languages(row: dict[str, str]) -> str:
    value = row.get("languages", "").strip() or "ky"
    codes = [c.strip().lower() for c in re.split(r"[,;/ ]+", value) if c.strip()]
    allowed = {c for c, _label in LANGUAGES_OF_INSTRUCTION}
    if not codes or any(c not in allowed for c in codes):
        raise RowError("languages", _("Write language codes separated by commas: ky, ru, en, tr."))
    return ",".join(codes)


def _clean_programme(ctx: Context, row: dict[str, str], number: int) -> dict[str, Any]:
    inst = ctx.institution(row)
    out: dict[str, Any] = {"code": text(row, "code", required=True, max_length=40)}
    ctx.once(("programme", inst.pk, out["code"].casefold()), number, "code")
    existing = Programme.objects.select_related("unit").filter(institution=inst, code__iexact=out["code"]).first()
    unit = _unit(ctx, inst, row) if row.get("unit", "").strip() or existing is None else existing.unit
    if existing is not None:
        ctx.check_unit(existing.unit, "code")
    for key in ("name_ky", "name_ru", "name_en", "name_tr"):
        out[key] = text(row, key, required=key in ("name_ky", "name_en"))
    out["level"] = choice(row, "level", Level.choices, existing.level if existing else None, LEVEL_ALIASES)
    out["languages"] = _languages(row)
    out["normative_semesters"] = whole(row, "normative_semesters", existing.normative_semesters if existing else 8, minimum=1, maximum=20)
    out["with_thesis"] = boolean(row, "with_thesis", True)
    out["is_active"] = boolean(row, "is_active", True)
    out.update(institution=inst, unit=unit, existing=existing)
    return out


def _write_programme(ctx: Context, clean: dict[str, Any]) -> str:
    return _upsert(ctx, Programme, clean, ("unit", "code", "name_ky", "name_ru", "name_en", "name_tr", "level", "languages",
                                            "normative_semesters", "with_thesis", "is_active"))


def _export_programmes(user: Any, units: set[int] | None) -> Iterable[list[str]]:
    qs = Programme.objects.select_related("institution", "unit").order_by("institution__code", "code")
    if units is not None:
        qs = qs.filter(unit_id__in=units)
    for p in qs:
        yield [p.institution.code, p.code, p.unit.code, p.name_ky, p.name_ru, p.name_en, p.name_tr, _label(Level.choices, p.level), p.languages,
               str(p.normative_semesters), str(_("Yes") if p.with_thesis else _("No")), str(_("Yes") if p.is_active else _("No"))]


# courses -------------------------------------------------------------------------------------------------------

COURSE_COLUMNS = [
    INSTITUTION,
    Col("code", _l("Course code"), ("сабактын коду", "код дисциплины", "шифр дисциплины", "код"), True),
    Col("programme", _l("Programme code"), ("программа", "программанын коду", "направление", "код направления", "programme")),
    Col("title_ky", _l("Title (Kyrgyz)"), ("аталышы (кыргызча)", "дисциплина (кыргызский)", "сабактын аталышы"), True),
    Col("title_ru", _l("Title (Russian)"), ("аталышы (орусча)", "дисциплина", "наименование дисциплины")),
    Col("title_en", _l("Title (English)"), ("аталышы (англисче)", "дисциплина (английский)", "title"), True),
    Col("title_tr", _l("Title (Turkish)"), ("аталышы (түркчө)", "дисциплина (турецкий)")),
    Col("ects", _l("ECTS credits"), ("кредит", "кредиттер", "кредиты", "кредиты ects", "ects"), True),
    Col("local_credits", _l("Local credits"), ("жергиликтүү кредит", "кредиты (местные)")),
    Col("kind", _l("Kind of course"), ("сабактын түрү", "вид дисциплины", "тип")),
    Col("theory_hours", _l("Theory hours per week"), ("теория саат", "лекции (часов в неделю)", "лекции")),
    Col("practice_hours", _l("Practice hours per week"), ("практика саат", "практики (часов в неделю)", "практика")),
    Col("language", _l("Language of instruction"), ("окутуу тили", "язык обучения", "язык")),
    Col("semester", _l("Semester in the plan"), ("семестр", "семестри", "семестр по плану")),
]
CREDITS = Domain(4, 1, Decimal(0), Decimal("999.9"), min_exclusive=True)  # the column's digits; > 0 (course_ects_positive)
LOCAL_CREDITS = Domain(4, 1, Decimal(0), Decimal("999.9"))
COURSE_KIND_ALIASES = (("милдеттүү", "compulsory"), ("обязательная", "compulsory"), ("тандоо", "elective"), ("по выбору", "elective"))
LANGUAGE_ALIASES = (("кыргыз", "ky"), ("кыргызча", "ky"), ("русский", "ru"), ("орусча", "ru"), ("англисче", "en"), ("английский", "en"),
                    ("түркчө", "tr"), ("турецкий", "tr"))


def _clean_course(ctx: Context, row: dict[str, str], number: int) -> dict[str, Any]:
    inst = ctx.institution(row)
    out: dict[str, Any] = {"code": text(row, "code", required=True, max_length=30)}
    ctx.once(("course", inst.pk, out["code"].casefold()), number, "code")
    existing = Course.objects.select_related("programme__unit").filter(institution=inst, code__iexact=out["code"]).first()
    programme = _programme(ctx, inst, row, required=False) or (existing.programme if existing else None)
    if programme is None:
        if ctx.units is not None:  # a course outside every programme belongs to no faculty: only the administrator
            raise RowError("programme", _("Name the programme the course belongs to."))
    else:
        ctx.check_unit(programme.unit, "programme")
    if existing is not None and existing.programme is not None:
        ctx.check_unit(existing.programme.unit, "code")
    for key in ("title_ky", "title_ru", "title_en", "title_tr"):
        out[key] = text(row, key, required=key in ("title_ky", "title_en"))
    out["ects"] = num(row, "ects", CREDITS, required=True)
    out["local_credits"] = num(row, "local_credits", LOCAL_CREDITS) or Decimal("0")
    out["kind"] = choice(row, "kind", Course.Kind.choices, Course.Kind.COMPULSORY, COURSE_KIND_ALIASES)
    out["theory_hours"] = whole(row, "theory_hours", 2, maximum=60)
    out["practice_hours"] = whole(row, "practice_hours", 0, maximum=60)
    out["language"] = choice(row, "language", LANGUAGES_OF_INSTRUCTION, "ky", LANGUAGE_ALIASES)
    out["semester"] = whole(row, "semester", 0, maximum=20) or None
    out.update(institution=inst, programme=programme, existing=existing)
    return out


def _write_course(ctx: Context, clean: dict[str, Any]) -> str:
    return _upsert(ctx, Course, clean, ("programme", "code", "title_ky", "title_ru", "title_en", "title_tr", "ects", "local_credits", "kind",
                                         "theory_hours", "practice_hours", "language", "semester"))


def _export_courses(user: Any, units: set[int] | None) -> Iterable[list[str]]:
    qs = Course.objects.select_related("institution", "programme").order_by("institution__code", "code")
    if units is not None:
        qs = qs.filter(programme__unit_id__in=units)
    for c in qs.iterator(chunk_size=500):
        yield [c.institution.code, c.code, c.programme.code if c.programme else "", c.title_ky, c.title_ru, c.title_en, c.title_tr, _n(c.ects),
               _n(c.local_credits), _label(Course.Kind.choices, c.kind), str(c.theory_hours), str(c.practice_hours), c.language,
               str(c.semester or "")]


# offerings -----------------------------------------------------------------------------------------------------

YEAR = Col("year", _l("Academic year"), ("окуу жылы", "учебный год"), True)
TERM = Col("term", _l("Term"), ("семестр (күз/жаз)", "период", "семестр (осень/весна)"), True)
OFFERING_COLUMNS = [
    INSTITUTION,
    Col("course", _l("Course code"), ("сабактын коду", "код дисциплины", "шифр дисциплины", "дисциплина"), True),
    YEAR,
    TERM,
    Col("section", _l("Section"), ("топ", "группа", "поток", "group")),
    Col("capacity", _l("Capacity"), ("орун саны", "количество мест", "мест")),
    Col("language", _l("Language of instruction"), ("окутуу тили", "язык обучения", "язык")),
]


def _course(ctx: Context, inst: Institution, row: dict[str, str]) -> Course:
    value = text(row, "course", required=True)
    course = Course.objects.select_related("programme__unit").filter(institution=inst, code__iexact=value).first()
    if course is None:
        raise RowError("course", _("Unknown course “%(value)s” in %(inst)s.") % {"value": value, "inst": inst.code})
    return course


def _clean_offering(ctx: Context, row: dict[str, str], number: int) -> dict[str, Any]:
    inst = ctx.institution(row)
    course = _course(ctx, inst, row)
    if course.programme is not None:
        ctx.check_unit(course.programme.unit, "course")
    elif ctx.units is not None:
        raise RowError("course", _("Name the programme the course belongs to."))
    term = _term(inst, row)
    section = text(row, "section", max_length=10) or "1"
    ctx.once(("offering", course.pk, term.pk, section.casefold()), number, "course")
    out: dict[str, Any] = {"course": course, "term": term, "section": section}
    out["existing"] = Offering.objects.filter(course=course, term=term, section=section).first()
    out["capacity"] = whole(row, "capacity", out["existing"].capacity if out["existing"] else 40, minimum=1, maximum=100000)
    out["language"] = choice(row, "language", LANGUAGES_OF_INSTRUCTION, course.language, LANGUAGE_ALIASES)
    return out


def _write_offering(ctx: Context, clean: dict[str, Any]) -> str:
    existing: Offering | None = clean["existing"]
    before = snapshot(existing) if existing else None
    obj = existing or Offering(course=clean["course"], term=clean["term"], section=clean["section"])
    obj.capacity, obj.language = clean["capacity"], clean["language"]
    return _save(ctx.actor, obj, before, "import")


def _export_offerings(user: Any, units: set[int] | None) -> Iterable[list[str]]:
    qs = Offering.objects.select_related("course__institution", "term__year").order_by("term__starts_on", "course__code", "section")
    if units is not None:
        qs = qs.filter(course__programme__unit_id__in=units)
    for o in qs.iterator(chunk_size=500):
        yield [o.course.institution.code, o.course.code, o.term.year.code, _label(Term.Kind.choices, o.term.kind), o.section, str(o.capacity),
               o.language]


# grades --------------------------------------------------------------------------------------------------------

GRADE_COLUMNS = [
    Col("student_number", _l("Student number"), STUDENT_COLUMNS[0].aliases, True),
    Col("course", _l("Course code"), ("сабактын коду", "код дисциплины", "шифр дисциплины"), True),
    YEAR,
    TERM,
    Col("section", _l("Section"), ("топ", "группа", "поток")),
    Col("score", _l("Score (0–100)"), ("балл", "баллы", "жыйынтык балл", "итоговый балл", "оценка (балл)", "score"), True),
    Col("exam_date", _l("Exam date"), ("сынак күнү", "дата экзамена", "дата сдачи", "дата"), True),
    Col("midterm", _l("Midterm"), ("аралык текшерүү", "рубежный контроль", "модуль")),
    Col("final", _l("Final exam"), ("жыйынтыктоочу сынак", "итоговый контроль", "экзамен")),
    Col("letter", _l("Letter"), ("тамга баа", "буквенная оценка")),
]


def _clean_grade(ctx: Context, row: dict[str, str], number: int) -> dict[str, Any]:
    from bilim.apps.imports.grading import grade_compute, score_domain

    value = text(row, "student_number", required=True)
    student = Student.objects.select_related("person", "institution", "unit").filter(student_number=value).first()
    if student is None:
        raise RowError("student_number", _("No student has the number “%(value)s”.") % {"value": value})
    ctx.check_unit(student.unit, "student_number")
    inst = student.institution
    course = _course(ctx, inst, row)
    term = _term(inst, row)
    section = text(row, "section", max_length=10) or "1"
    offering = Offering.objects.filter(course=course, term=term, section=section).first()
    if offering is None:
        raise RowError("course", _("%(course)s has no section %(section)s in %(term)s; import the offerings first.")
                       % {"course": course.code, "section": section, "term": str(term)})
    ctx.once(("grade", student.pk, offering.pk), number, "student_number")
    exam_date = date(row, "exam_date", required=True)
    assert exam_date is not None
    domain = score_domain(student)
    score = num(row, "score", domain, required=True, on=exam_date)
    midterm = num(row, "midterm", domain, on=exam_date)
    final = num(row, "final", domain, on=exam_date)
    computed = grade_compute(student=student, offering=offering, score=score, exam_date=exam_date)  # RowError when no table covers the date
    letter = row.get("letter", "").strip().upper()
    if letter and computed["letter"] and letter != computed["letter"]:
        raise RowError("letter", _("The score %(score)s gives %(letter)s by the grading table in force on %(date)s, not %(given)s.")
                       % {"score": score, "letter": computed["letter"], "date": exam_date.strftime("%d.%m.%Y"), "given": letter})
    return {"student": student, "offering": offering, "score": score, "midterm": midterm, "final": final, "exam_date": exam_date}


def _write_grade(ctx: Context, clean: dict[str, Any]) -> str:
    from bilim.apps.imports.grading import grade_record

    return grade_record(actor=ctx.actor, student=clean["student"], offering=clean["offering"], score=clean["score"],
                        exam_date=clean["exam_date"], midterm=clean["midterm"], final=clean["final"])


def _export_grades(user: Any, units: set[int] | None) -> Iterable[list[str]]:
    from bilim.apps.records.models import Grade

    qs = Grade.objects.select_related("enrolment__student", "enrolment__offering__course", "enrolment__offering__term__year").filter(
        score__isnull=False).order_by("enrolment__student__student_number", "graded_on", "pk")
    if units is not None:
        qs = qs.filter(enrolment__student__unit_id__in=units)
    for g in qs.iterator(chunk_size=1000):
        o = g.enrolment.offering
        yield [g.enrolment.student.student_number, o.course.code, o.term.year.code, _label(Term.Kind.choices, o.term.kind), o.section,
               _n(g.score), _d(g.graded_on), _n(g.midterm), _n(g.final), g.letter]


KINDS: dict[str, Kind] = {
    k.code: k
    for k in [
        Kind("students", _l("Students"), "people:students", STUDENT_COLUMNS, _clean_student, _write_student, _export_students,
             _l("A row per student, found by the student number: a new number creates the student, a known one updates the record. "
                "The faculty and the level come from the programme.")),
        Kind("staff", _l("Staff"), "people:staff", STAFF_COLUMNS, _clean_staff, _write_staff, _export_staff,
             _l("A row per employee and unit, found by the full name in that unit.")),
        Kind("programmes", _l("Programmes"), "curriculum:programmes", PROGRAMME_COLUMNS, _clean_programme, _write_programme, _export_programmes,
             _l("A row per programme, found by its code in the institution.")),
        Kind("courses", _l("Courses"), "curriculum:courses", COURSE_COLUMNS, _clean_course, _write_course, _export_courses,
             _l("A row per course, found by its code in the institution.")),
        Kind("offerings", _l("Offerings"), "curriculum:offerings", OFFERING_COLUMNS, _clean_offering, _write_offering, _export_offerings,
             _l("A row per course section in a term (academic year as 2026-2027, term as fall, spring or summer).")),
        Kind("grades", _l("Grades"), "records:grades", GRADE_COLUMNS, _clean_grade, _write_grade, _export_grades,
             _l("A row per student and course: the 100-point score and the exam date. The letter is set by the grading table in "
                "force on the exam date, as for a grade typed by hand.")),
    ]
}
