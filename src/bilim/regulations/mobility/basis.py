"""OshSU mobility — bases of academic mobility and the right to it (section 3.2, 3.3).

Public functions for the apps::

    mobility_basis(BasisFacts)                 -> Verdict  (OSU-3.2-1 … OSU-3.2-4)
    restriction_allowed(RestrictionFacts)      -> Verdict  (OSU-3.3-1)
"""

from __future__ import annotations

from pydantic import Field

from bilim.regulations.core import Ctx, Facts, Outcome, rule


class BasisFacts(Facts):
    """The basis a mobility rests on and its supporting references."""

    basis: str
    reference_id: str | None = None  # agreement / project / association record
    programme: str | None = None
    invitation_letter: bool = False


@rule("OSU-3.2-1", "OSU-3.2-2", "OSU-3.2-3", "OSU-3.2-4")
def mobility_basis(f: BasisFacts, ctx: Ctx) -> Outcome:
    """«ОшМУдагы студенттердин жана ИПКнын академиялык мобилдүүлүгү төмөнкү пункттардын негизинде
    жүргүзүлөт: Мамлекеттер аралык келишимдерге, … долбоорлорго, … ассоциациялардын, консорциумдардын
    жоболоруна ылайык; … Эразмус+, Мевлана, ДААД, ITEC, УШОС, Орхун, Ош декларациясы ж.б. … программаларынын
    алкагында; … жекече чакыруу каттардын негизинде; … жекече демилгелери боюнча»

    PASS when the basis is one of 3.2: an agreement / project / association basis with a reference to
    its record (3.2-1); a programme named in 3.2-2 (or OTHER, the list ends with «ж.б.»); an individual
    invitation with the invitation letter (3.2-3); an individual initiative (3.2-4). FAIL otherwise.
    """
    bases = ctx.param("osu.bases")
    if f.basis in bases["with_reference"]:
        if not (f.reference_id and f.reference_id.strip()):
            return ctx.fail("osu.basis.reference_missing", basis=f.basis)
        return ctx.passed("osu.basis.ok", basis=f.basis)
    if f.basis == "PROGRAMME":
        programmes = ctx.param("osu.programmes")
        if f.programme not in programmes:
            return ctx.fail("osu.basis.unknown_programme", programme=f.programme or "—", programmes=programmes)
        return ctx.passed("osu.basis.ok", basis=f"PROGRAMME {f.programme}")
    if f.basis == "INDIVIDUAL_INVITATION":
        if not f.invitation_letter:
            return ctx.fail("osu.basis.invitation_missing")
        return ctx.passed("osu.basis.ok", basis=f.basis)
    if f.basis == "INDIVIDUAL_INITIATIVE":
        return ctx.passed("osu.basis.ok", basis=f.basis)
    return ctx.fail("osu.basis.unknown", basis=f.basis)


class RestrictionFacts(Facts):
    """The grounds (rule IDs) a refusal of a student's or staff member's mobility relies on."""

    refusal_rule_ids: list[str] = Field(default_factory=list)


@rule("OSU-3.3-1")
def restriction_allowed(f: RestrictionFacts, ctx: Ctx) -> Outcome:
    """«ОшМУнун бардык студенттери, ИПКсы чет өлкөлүк (ата мекендик) окуу жайларга академиялык мобилдүүлүк
    боюнча чыгып келүү укугуна ээ»

    The right to mobility may be limited only on the grounds this regulation sets: FAIL when a refusal
    cites a ground outside ``osu.permitted_restriction_rules`` (or cites none); PASS otherwise.
    """
    allowed = ctx.param("osu.permitted_restriction_rules")
    if not f.refusal_rule_ids:
        return ctx.fail("osu.right.no_ground")
    bad = [r for r in f.refusal_rule_ids if r not in allowed]
    if bad:
        return ctx.fail("osu.right.unlisted_ground", grounds=bad)
    return ctx.passed("osu.right.ok", grounds=f.refusal_rule_ids)
