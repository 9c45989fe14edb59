"""OshSU mobility — IRD steps between nomination and departure (4.8 IRD-5, IRD-10, IRD-11, IRD-12, IRD-15).

Public functions for the apps::

    invitation_registered(InvitationRegisteredFacts) -> Verdict  (OSU-4.8-IRD-5; REFERRED → INVITED)
    learning_agreement_check(LearningAgreementFacts) -> Verdict  (OSU-4.8-IRD-10)
    letter_to_host_check(LetterToHostFacts)           -> Verdict  (OSU-4.8-IRD-11, OSU-4.8-IRD-12)
    translation_check(TranslationFacts)               -> Verdict  (OSU-4.8-IRD-15)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule


class InvitationRegisteredFacts(Facts):
    """The invitation letter uploaded for a referred student."""

    host: str
    letter_uploaded: bool
    issuer: str | None = None
    registered_by: Literal["IRD", "FD", "STUDENT", "OTHER"] | None = None


@rule("OSU-4.8-IRD-5")
def invitation_registered(f: InvitationRegisteredFacts, ctx: Ctx) -> Outcome:
    """«студенттерди жана ИПКларды кабыл алуучу тараптын тастыктамасын (чакыруу катын) алат»

    REFERRED → INVITED only with an uploaded invitation letter issued by the host and registered by
    IRD; FAIL otherwise.
    """
    if not f.letter_uploaded or not f.issuer:
        return ctx.fail("osu.invitation.missing", host=f.host)
    if f.issuer.strip().casefold() != f.host.strip().casefold():
        return ctx.fail("osu.invitation.wrong_issuer", host=f.host, issuer=f.issuer)
    if f.registered_by != "IRD":
        return ctx.fail("osu.invited.not_ird", registered_by=f.registered_by or "—")
    return ctx.passed("osu.invitation.ok", host=f.host)


class LearningAgreementFacts(Facts):
    """Whether the call or the host requires a learning agreement, and its signatures."""

    la_required_by_call: bool = False
    la_required_by_host: bool = False
    signed_by: list[Literal["STUDENT", "HOME", "HOST"]] = Field(default_factory=list)


@rule("OSU-4.8-IRD-10")
def learning_agreement_check(f: LearningAgreementFacts, ctx: Ctx) -> Outcome:
    """«талап кылынган учурда ЖибОЖдун студенти менен КАОЖдун ортосунда окуу жөнүндөгү макулдашууну
    (Learning agreement) түзүү жана ага кол коюу процесстерин уюштурат»

    When the call or the host requires a learning agreement (A-29), the departure order needs it signed
    by the student, the home and the host institution; FAIL lists the missing signatures. Not required:
    PASS.
    """
    if not (f.la_required_by_call or f.la_required_by_host):
        return ctx.passed("osu.la.not_required")
    missing = [p for p in ("STUDENT", "HOME", "HOST") if p not in f.signed_by]
    if missing:
        return ctx.fail("osu.la.unsigned", missing=missing)
    return ctx.passed("osu.la.signed")


class LetterStudent(Facts):
    """A student on a letter/referral to the host."""

    student_id: str
    in_submitted_nomination: bool
    recheck_confirmed_on: dt.date | None = None
    recheck_debt_clear: bool = False
    recheck_intent_confirmed: bool = False


class LetterToHostFacts(Facts):
    """The IRD letter (referral) to the host and the students on it."""

    sent_on: dt.date
    students: list[LetterStudent]


@rule("OSU-4.8-IRD-11", "OSU-4.8-IRD-12")
def letter_to_host_check(f: LetterToHostFacts, ctx: Ctx) -> Outcome:
    """IRD-11: «декандын билдирүүсүнүн негизинде студенттердин сыртка чыгуу мүмкүнчүлүктөрүн тактагандан
    кийин кабыл алуучу тарапка кат жолдоп…»; IRD-12: «кабыл алуучу ЖОЖдорго жолдомо катын жибергенге
    чейин өтүнмө берген студенттердин сыртка чыгуу мүмкүнчүлүктөрүн дагы бир жолу тактайт».

    Every student on the letter is on a submitted dean's nomination (IRD-11) and was re-checked —
    debt status and confirmation of intent — strictly before the letter was sent (IRD-12); FAIL lists
    the students who fail either.
    """
    not_nominated = [s.student_id for s in f.students if not s.in_submitted_nomination]
    if not_nominated:
        return ctx.fail("osu.letter.not_nominated", students=not_nominated)
    not_rechecked = [
        s.student_id
        for s in f.students
        if s.recheck_confirmed_on is None
        or not s.recheck_confirmed_on < f.sent_on
        or not (s.recheck_debt_clear and s.recheck_intent_confirmed)
    ]
    if not_rechecked:
        return ctx.fail("osu.letter.not_rechecked", students=not_rechecked, sent=f.sent_on)
    return ctx.passed("osu.letter.ok", count=len(f.students), sent=f.sent_on)


class TranslationFacts(Facts):
    """A partner results document and its translation (if attached)."""

    document_language: str
    translation_language: str | None = None


@rule("OSU-4.8-IRD-15")
def translation_check(f: TranslationFacts, ctx: Ctx) -> Outcome:
    """«Зарыл учурларда бул кагаздарды орус же кыргыз тилдерине которуп берүүгө көмөктөшөт»

    A document in Kyrgyz or Russian needs no translation (PASS). Another language: WARN
    (translation_needed) until a Russian or Kyrgyz translation is attached; a translation into another
    language does not count.
    """
    targets = ctx.param("osu.translation_target_languages")
    if f.document_language.lower() in targets:
        return ctx.passed("osu.translation.not_needed", language=f.document_language)
    if f.translation_language and f.translation_language.lower() in targets:
        return ctx.passed("osu.translation.done", language=f.translation_language)
    return ctx.warn("osu.translation.needed", language=f.document_language, targets=targets)
