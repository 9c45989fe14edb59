"""The one parsing path for numbers (bilim.apps.core.numbers) at its boundaries: the function, the form
field and the API type all refuse NaN/Infinity/exponents, too many digits and out-of-domain values,
and accept a decimal comma. Before the fix every door did ``Decimal(text)`` and took all of these."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from ninja import Schema
from pydantic import ValidationError as PydanticError

from bilim.apps.core.numbers import (
    AMOUNT,
    GPA_KTMU,
    GPA_OSU,
    ISP_CREDITS,
    KTMU_CREDITS,
    SCORE_100,
    SCORE_KTMU,
    NumberError,
    NumberField,
    api_decimal,
    parse_decimal,
)
from bilim.regulations.core import params

NON_FINITE = ["NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "1e999999", "1e-999999", "1E2", "0x10", "1_000", "½", "٣", "", "  "]


@pytest.mark.parametrize("raw", NON_FINITE)
@pytest.mark.parametrize("domain", [SCORE_100, GPA_OSU, ISP_CREDITS, AMOUNT], ids=["score", "gpa", "credits", "amount"])
def test_non_finite_exponent_and_odd_text_are_refused_everywhere(raw: str, domain) -> None:
    with pytest.raises(NumberError) as exc:
        parse_decimal(raw, domain)
    assert exc.value.code in {"invalid", "required"}


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), True])
def test_non_finite_python_values_are_refused(raw) -> None:
    with pytest.raises(NumberError):
        parse_decimal(raw, SCORE_100)


@pytest.mark.parametrize(("raw", "ok"), [("100", True), ("100.00", True), ("100.01", False), ("0", True), ("-0", True), ("-0.01", False),
                                         ("99.99", True), ("99.999", False), ("1000", False)])
def test_scores_0_to_100(raw: str, ok: bool) -> None:
    if ok:
        assert Decimal(0) <= parse_decimal(raw, SCORE_100) <= Decimal(100)  # type: ignore[operator]
        assert parse_decimal(raw, SCORE_KTMU) is not None
    else:
        with pytest.raises(NumberError):
            parse_decimal(raw, SCORE_100)
        with pytest.raises(NumberError):
            parse_decimal(raw, SCORE_KTMU)


def test_score_limit_is_the_dated_parameter_not_a_literal() -> None:
    store = params.store().with_version("osu.home_grade_scale_max", dt.date(2030, 1, 1), 10)
    with params.using(store):
        assert parse_decimal("100", SCORE_100, on=dt.date(2029, 12, 31)) == Decimal(100)
        with pytest.raises(NumberError):
            parse_decimal("10.5", SCORE_100, on=dt.date(2030, 1, 1))


@pytest.mark.parametrize(("raw", "ok"), [("-1", False), ("-0.01", False), ("0", True), ("4", True), ("4.00", True), ("4.01", False), ("3,5", True)])
def test_gpa_within_its_scale(raw: str, ok: bool) -> None:
    for domain in (GPA_OSU, GPA_KTMU):
        if ok:
            assert parse_decimal(raw, domain) is not None
        else:
            with pytest.raises(NumberError):
                parse_decimal(raw, domain)


def test_credits_are_positive_and_at_most_the_line_limit() -> None:
    limit = Decimal(str(params.get("osu.isp_line_credits_max", dt.date.today()).value))
    for bad in ("0", "-1", "-0.5", str(limit + Decimal("0.1")), "0.05", "1234"):
        with pytest.raises(NumberError):
            parse_decimal(bad, ISP_CREDITS)
    assert parse_decimal(str(limit), ISP_CREDITS) == limit
    assert parse_decimal("0.1", ISP_CREDITS) == Decimal("0.1")
    assert parse_decimal("7,5", ISP_CREDITS) == Decimal("7.5")
    ktmu_limit = Decimal(str(params.get("ktmu.studies.host_course_ects_max", dt.date.today()).value))
    with pytest.raises(NumberError):
        parse_decimal(str(ktmu_limit + 1), KTMU_CREDITS)


def test_decimal_comma_and_digits() -> None:
    assert parse_decimal("3,5", SCORE_100) == Decimal("3.5")
    assert parse_decimal(" 3.5 ", SCORE_100) == Decimal("3.5")
    for bad in ("3,5,1", "3.5,1", "1 000", "3.555"):
        with pytest.raises(NumberError):
            parse_decimal(bad, SCORE_100)
    assert parse_decimal("99999999.99", AMOUNT) == Decimal("99999999.99")
    with pytest.raises(NumberError) as exc:
        parse_decimal("100000000", AMOUNT)
    assert exc.value.code == "max_whole_digits"
    with pytest.raises(NumberError):
        parse_decimal("-5", AMOUNT)
    assert parse_decimal("", AMOUNT, required=False) is None


class _Form(forms.Form):
    gpa = NumberField(GPA_OSU, label="GPA")
    credits = NumberField(ISP_CREDITS, label="ECTS", required=False)


@pytest.mark.parametrize(("gpa", "ok"), [("NaN", False), ("Infinity", False), ("1e999999", False), ("-1", False), ("4.01", False),
                                         ("3,5", True), ("4", True), ("0", True)])
def test_form_field(gpa: str, ok: bool) -> None:
    form = _Form({"gpa": gpa, "credits": ""})
    assert form.is_valid() is ok
    if ok:
        assert form.cleaned_data["gpa"] == Decimal(gpa.replace(",", "."))
        assert form.cleaned_data["credits"] is None
    else:
        assert "gpa" in form.errors


def test_form_field_accepts_trailing_zeros_beyond_the_places() -> None:
    form = _Form({"gpa": "3.5000", "credits": "7.50"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["gpa"] == Decimal("3.5") and form.cleaned_data["credits"] == Decimal("7.5")


def test_form_field_credits_and_widget() -> None:
    assert not _Form({"gpa": "3", "credits": "0"}).is_valid()
    assert not _Form({"gpa": "3", "credits": "-Infinity"}).is_valid()
    html = str(_Form()["gpa"])
    assert 'inputmode="decimal"' in html and 'type="text"' in html  # "3,5" can be typed


def test_form_error_is_translated() -> None:
    from django.utils import translation

    with translation.override("ru"):
        form = _Form({"gpa": "NaN"})
        assert not form.is_valid()
        assert form.errors["gpa"][0] != "Enter a number."


class _In(Schema):
    gpa: api_decimal(GPA_OSU)  # type: ignore[valid-type]
    credits: api_decimal(ISP_CREDITS, required=False) = None  # type: ignore[valid-type]


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e999999", "1e-999999", -1, "-1", "4.01", float("nan"), float("inf"), True])
def test_api_type_refuses(raw) -> None:
    with pytest.raises(PydanticError):
        _In.model_validate({"gpa": raw})


def test_api_type_accepts_and_checks_credits() -> None:
    assert _In.model_validate({"gpa": "3,5"}).gpa == Decimal("3.5")
    assert _In.model_validate({"gpa": 3.5}).gpa == Decimal("3.5")
    assert _In.model_validate({"gpa": 4}).gpa == Decimal(4)
    assert _In.model_validate({"gpa": "3", "credits": "30"}).credits == Decimal(30)
    for bad in ("0", "30.1", "-0.5"):
        with pytest.raises(PydanticError):
            _In.model_validate({"gpa": "3", "credits": bad})
    schema = _In.model_json_schema()
    assert "gpa" in schema["properties"]


def test_api_type_gives_a_422_with_the_message_through_ninja() -> None:
    from django.utils import translation
    from ninja import Router
    from ninja.testing import TestClient

    router = Router()

    @router.post("/gpa")
    def gpa(request, payload: _In) -> dict[str, str]:  # noqa: ANN001
        return {"gpa": str(payload.gpa)}

    client = TestClient(router)
    with translation.override("en"):
        r = client.post("/gpa", json={"gpa": "Infinity"})
    assert r.status_code == 422
    detail = r.json()["detail"][0]
    assert detail["loc"][-1] == "gpa" and "Enter a number." in detail["msg"]
    r = client.post("/gpa", json={"gpa": "3,5"})
    assert r.status_code == 200 and r.json() == {"gpa": "3.5"}
