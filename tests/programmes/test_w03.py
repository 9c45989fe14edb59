"""W-03: quotas through FoS council → institute board → Senate → Trustees, the announcement, its public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from bilim.apps.programmes import models as m
from bilim.apps.programmes import selectors, services
from bilim.apps.workflow.services import TransitionRefused
from tests.programmes.helpers import DOCS, announcement_data, quota

D = dt.date


def _rules(exc) -> set[str]:
    return {r for e in exc.value.explanations for r in e.rule_ids}


def _approved(pp, q):
    for i, (action, body) in enumerate((("propose_quota", pp.fos_council), ("institute_decide", pp.board), ("senate_consent", pp.senate),
                                        ("trustees_approve", pp.trustees))):
        services.quota_step(actor=pp.admin, quota=q, action=action, decision=pp.decide(body, q, D(2027, 2, 1) + dt.timedelta(days=i)))
    return q


@pytest.mark.workflow("W-03")
@pytest.mark.rule("KTMU-8-1")
@pytest.mark.rule("KTMU-9-1")
@pytest.mark.rule("KTMU-9-2")
@pytest.mark.rule("KTMU-9-3")
def test_quota_approved_announcement_published_and_public(pp) -> None:
    q = quota(pp)
    assert selectors.quota_for(pp.prog, 2027) is None
    _approved(pp, q)
    assert q.state == "QUOTA_APPROVED" and selectors.quota_for(pp.prog, 2027) == 12 and selectors.international_places_for(pp.prog, 2027) == 2
    # an announcement without documents and the language-exemption exam date is incomplete
    data = announcement_data()
    services.announcement_save(actor=pp.officer, quota=q, data={**data, "language_exam_date": None}, documents=[])
    with pytest.raises(TransitionRefused) as exc:
        services.quota_step(actor=pp.officer, quota=q, action="draft_announcement", on=D(2027, 3, 1))
    assert "KTMU-9-1" in _rules(exc)
    # final registration after 10 October is outside the admission window
    services.announcement_save(actor=pp.officer, quota=q, data={**data, "registration_end": D(2027, 10, 11)}, documents=DOCS)
    with pytest.raises(TransitionRefused) as exc:
        services.quota_step(actor=pp.officer, quota=q, action="draft_announcement", on=D(2027, 3, 1))
    assert _rules(exc) == {"KTMU-9-2"}
    with pytest.raises(ValidationError) as bad:  # dates the wrong way round: beside the field, nothing written
        services.announcement_save(actor=pp.officer, quota=q, data={**data, "application_end": D(2027, 6, 1)})
    assert "application_end" in bad.value.error_dict
    services.announcement_save(actor=pp.officer, quota=q, data=data, documents=DOCS)
    services.quota_step(actor=pp.officer, quota=q, action="draft_announcement", on=D(2027, 3, 1))
    services.quota_step(actor=pp.admin, quota=q, action="propose", decision=pp.decide(pp.board, q, D(2027, 3, 5)))
    with pytest.raises(ValidationError):  # no more editing once proposed
        services.announcement_save(actor=pp.officer, quota=q, data=data)
    services.quota_step(actor=pp.admin, quota=q, action="decide", decision=pp.decide(pp.senate, q, D(2027, 3, 12)))
    assert selectors.open_announcements(on=D(2027, 6, 1)) == []  # decided but not yet published
    services.quota_step(actor=pp.officer, quota=q, action="publish", on=D(2027, 3, 15))
    assert q.state == "ANNOUNCED"
    [info] = selectors.open_announcements(on=D(2027, 6, 1))
    assert info.places == 12 and info.programme_code == "fbe-cs-ma" and info.accepting_applications(D(2027, 7, 10))
    assert not info.accepting_applications(D(2027, 7, 26))
    assert info.documents_for("application", "TR") == ["application_form", "diploma", "transcript", "ales"]
    assert selectors.open_announcements(on=D(2027, 7, 26)) == []
    assert selectors.announcement_for(pp.prog, 2027).quota_id == q.pk
    # the public page: no login, four languages
    client = Client()
    listing = client.get("/programmes/admissions/?lang=ky")
    assert listing.status_code == 200 and "fbe-cs-ma" in listing.content.decode()
    ann = q.announcement
    for lang, word in (("ky", "Бакалавр диплому"), ("tr", "Lisans diploması"), ("en", "bachelor's diploma"), ("ru", "Диплом бакалавра")):
        page = client.get(f"/programmes/admissions/{ann.pk}/?lang={lang}").content.decode()
        assert word in page.replace("&#x27;", "'"), lang


@pytest.mark.workflow("W-03")
@pytest.mark.rule("KTMU-9-4")
def test_rejections_and_one_round_per_year(pp) -> None:
    q = quota(pp, 2027)
    with pytest.raises(ValidationError) as bad:
        quota(pp, 2027)
    assert "admission_year" in bad.value.error_dict
    with pytest.raises(ValidationError) as bad:
        services.quota_create(actor=pp.fos_head, programme=pp.prog, admission_year=2030, places=2, places_international=3)
    assert "places_international" in bad.value.error_dict
    with pytest.raises(TransitionRefused):  # the Trustees cannot approve a quota the FoS council never proposed
        services.quota_step(actor=pp.admin, quota=q, action="trustees_approve", decision=pp.decide(pp.trustees, q))
    chain = [("propose_quota", pp.fos_council), ("institute_decide", pp.board), ("senate_consent", pp.senate), ("trustees_approve", pp.trustees),
             ("draft_announcement", None), ("propose", pp.board)]
    ends = [("QUOTA_PROPOSED", pp.board), ("QUOTA_INSTITUTE_APPROVED", pp.senate), ("QUOTA_SENATE_APPROVED", pp.trustees),
            ("ANN_DRAFT", pp.board), ("ANN_PROPOSED", pp.senate)]
    for year, (state, body) in enumerate(ends, start=2031):
        q = quota(pp, year)
        for i, (action, b) in enumerate(chain):
            if q.state == state:
                break
            if action == "draft_announcement":
                services.announcement_save(actor=pp.officer, quota=q, data=announcement_data(year), documents=DOCS)
            services.quota_step(actor=pp.admin if b else pp.officer, quota=q, action=action,
                                decision=pp.decide(b, q, D(year, 2, 1) + dt.timedelta(days=i)) if b else None, on=D(year, 3, 1))
        services.quota_step(actor=pp.admin, quota=q, action="reject", decision=pp.decide(body, q, D(year, 4, 1)))
        assert q.state == "REJECTED"
    assert m.Quota.objects.filter(state="REJECTED").count() == 5
