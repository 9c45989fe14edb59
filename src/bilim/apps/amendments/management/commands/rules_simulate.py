"""``bilim rules simulate --param ID --value V --since DATE``: amendment impact from the command line.

Evaluates the proposed value over the population the parameter touches (students or applicants of the
institution) against the value in force, with the same services as the web page, and prints the totals and every
changed case (both outcomes; ``--explain`` adds both explanations) in ``--lang``. Writes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from bilim.apps.amendments import services as svc
from bilim.regulations import impact as im


class Command(BaseCommand):
    help = "Evaluate a proposed parameter value over the population it touches (amendment impact); writes nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--param", required=True, choices=sorted(im.POPULATIONS))
        parser.add_argument("--value", required=True, help="the proposed value, as in params/*.yaml (a file with @path)")
        parser.add_argument("--since", required=True, help="date from which the value would be in force (YYYY-MM-DD)")
        parser.add_argument("--institution", help="institution code (default: the one institution running the KTMU instruction)")
        parser.add_argument("--lang", default="ky", choices=["ky", "ru", "en", "tr"])
        parser.add_argument("--explain", action="store_true", help="print both explanations of each changed case")

    def handle(self, *args: Any, **opts: Any) -> None:
        from bilim.apps.postgrad.selectors import pg_institutions
        from bilim.apps.workflow.templatetags.workflow_tags import wf_explain

        try:
            since = dt.date.fromisoformat(opts["since"])
        except ValueError as exc:
            raise CommandError(f"--since: {exc}") from exc
        text = opts["value"]
        if text.startswith("@"):
            with open(text[1:], encoding="utf-8") as fh:
                text = fh.read()
        with translation.override(opts["lang"]):
            try:
                value = im.parse_value(opts["param"], text, since)
            except im.ProposalError as exc:
                raise CommandError(f"{svc.ERRORS.get(exc.code, exc.code)} ({exc.detail})" if exc.detail else str(svc.ERRORS.get(exc.code, exc.code))) from exc
            inst = pg_institutions().filter(code=opts["institution"]).first() if opts["institution"] else pg_institutions().first()
            if inst is None:
                raise CommandError("no institution runs the KTMU instruction")
            kind = im.POPULATIONS[opts["param"]]
            proposal = im.Proposal(opts["param"], value, since)
            qs = svc.population(kind, inst.pk)
            ids = list(qs.values_list("pk", flat=True))
            total, kinds = 0, Counter[str]()
            lines = []
            for start in range(0, len(ids), svc.CHUNK):
                chunk = list(qs.filter(pk__in=ids[start:start + svc.CHUNK]))
                meta, result = svc.impact_chunk(kind, chunk, since, proposal)
                total += result.population
                for c in result.changes:
                    kinds.update(c.kinds)
                    name, number, _u, _p = meta[c.subject_id]
                    lines.append(f"{number}\t{name}\t{', '.join(str(svc.KIND_LABELS[k]) for k in c.kinds)}\t"
                                 f"{svc.outcome_text(c.before)}\t→\t{svc.outcome_text(c.after)}")
                    if opts["explain"]:
                        before, after = c.explain()
                        lines += [f"\t- {wf_explain(o.explanation)}" for o in before]
                        lines += [f"\t+ {wf_explain(o.explanation)}" for o in after]
            out = self.stdout
            out.write(f"{svc.PARAMETERS[opts['param']]} — {since.isoformat()}")
            for line in lines:
                out.write(line)
            changed = sum(1 for line in lines if not line.startswith("\t"))
            out.write(f"{translation.gettext('Evaluated')}: {total}; {translation.gettext('Outcome changes')}: {changed}; "
                      + ", ".join(f"{svc.KIND_LABELS[k]}: {kinds[k]}" for k in im.KINDS if kinds[k]))
