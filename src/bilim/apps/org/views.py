"""Institutions (home and partner) and organisational units: lists, CSV export, detail with history."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bilim.apps.accounts.permissions import restrict
from bilim.apps.core.listing import (
    Column,
    Filter,
    ListSpec,
    in_language,
    lang,
    make_detail_view,
    make_export_view,
    make_list_view,
)
from bilim.apps.org.models import Institution, Unit


def _countries(user: Any) -> list[tuple[str, str]]:
    codes = restrict(user, "org.view_institution", Institution.objects.all()).values_list("country", flat=True).distinct()
    return [(c, c) for c in sorted(set(codes))]


def home_institutions(user: Any) -> list[tuple[str, str]]:
    qs = restrict(user, "org.view_institution", Institution.objects.filter(is_home=True))
    return [(str(i.pk), i.name(lang())) for i in qs]


INSTITUTIONS = ListSpec(
    action="org.view_institution",
    queryset=lambda: Institution.objects.all(),
    title=_("Institutions"),
    detail_url="org:institution",
    export_url="org:institutions_csv",
    csv_name="institutions",
    search_fields=["name_ky", "name_ru", "name_en", "name_tr", "code", "city", "erasmus_code", "schac_code"],
    search_help=_("Name in any language, city or code"),
    filters=[
        Filter("country", _("Country"), "country", _countries),
        Filter("home", _("Kind"), "is_home", lambda u: [("True", _("Run by Bilim")), ("False", _("Partner"))]),
    ],
    columns=[
        Column(_("Name"), lambda o: o.name(lang()), link=True),
        Column(_("Code"), lambda o: o.code),
        Column(_("Country"), lambda o: o.country),
        Column(_("City"), lambda o: o.city),
        Column(_("Website"), lambda o: o.website),
        Column(_("Erasmus code"), lambda o: o.erasmus_code),
        Column(_("SCHAC code"), lambda o: o.schac_code, csv_only=True),
    ],
)


def _institution_fields(o: Institution) -> list[tuple[Any, Any]]:
    return [
        (_("Code"), o.code),
        (_("Name (Kyrgyz)"), o.name_ky),
        (_("Name (Russian)"), in_language(o.name_ru, "ru")),
        (_("Name (English)"), in_language(o.name_en, "en")),
        (_("Name (Turkish)"), in_language(o.name_tr, "tr")),
        (_("Country"), o.country),
        (_("City"), o.city),
        (_("Website"), o.website),
        (_("E-mail"), o.email),
        (_("Phone"), o.phone),
        (_("Erasmus code"), o.erasmus_code),
        (_("SCHAC code"), o.schac_code),
        (_("Run by Bilim"), o.is_home),
    ]


def _institution_extra(request: HttpRequest, o: Institution) -> dict[str, Any]:
    units = restrict(request.user, "org.view_unit", o.units.filter(parent__isnull=True))
    return {"units": [(u.pk, u.name(lang()), u.get_kind_display()) for u in units[:100]]}


institution_list = make_list_view(INSTITUTIONS)
institution_csv = make_export_view(INSTITUTIONS)
institution_detail = make_detail_view(
    "org.view_institution", lambda: Institution.objects.all(), "org/institution_detail.html", _institution_fields,
    _institution_extra, title=lambda o: o.name(lang()),
)

UNITS = ListSpec(
    action="org.view_unit",
    queryset=lambda: Unit.objects.select_related("institution", "parent"),
    title=_("Units"),
    detail_url="org:unit",
    export_url="org:units_csv",
    csv_name="units",
    search_fields=["name_ky", "name_ru", "name_en", "name_tr", "code"],
    filters=[
        Filter("institution", _("Institution"), "institution_id", home_institutions),
        Filter("kind", _("Kind"), "kind", lambda u: Unit.Kind.choices),
    ],
    columns=[
        Column(_("Name"), lambda o: o.name(lang()), link=True),
        Column(_("Code"), lambda o: o.code),
        Column(_("Kind"), lambda o: o.get_kind_display()),
        Column(_("Institution"), lambda o: o.institution.name(lang())),
        Column(_("Parent unit"), lambda o: o.parent.name(lang()) if o.parent else ""),
    ],
)


def _unit_fields(o: Unit) -> list[tuple[Any, Any]]:
    return [
        (_("Code"), o.code),
        (_("Kind"), o.get_kind_display()),
        (_("Institution"), o.institution.name(lang())),
        (_("Parent unit"), o.parent.name(lang()) if o.parent else None),
        (_("Name (Kyrgyz)"), o.name_ky),
        (_("Name (Russian)"), in_language(o.name_ru, "ru")),
        (_("Name (English)"), in_language(o.name_en, "en")),
        (_("Name (Turkish)"), in_language(o.name_tr, "tr")),
    ]


def _unit_extra(request: HttpRequest, o: Unit) -> dict[str, Any]:
    units = restrict(request.user, "org.view_unit", o.children.all())
    return {"units": [(u.pk, u.name(lang()), u.get_kind_display()) for u in units[:200]]}


unit_list = make_list_view(UNITS)
unit_csv = make_export_view(UNITS)
unit_detail = make_detail_view(
    "org.view_unit", lambda: Unit.objects.select_related("institution", "parent"), "org/unit_detail.html", _unit_fields,
    _unit_extra, title=lambda o: o.name(lang()),
)
