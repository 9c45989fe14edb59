"""The registration section of the KTMU student's page: this term's state, courses and the next action."""

from __future__ import annotations

from typing import Any

from bilim.apps.accounts.permissions import restrict

from . import models as m


def student_section(request: Any, student: Any) -> dict[str, Any]:
    regs = restrict(request.user, "registration.view_registration", m.Registration.objects.filter(student=student))
    reg = regs.select_related("term", "calendar").order_by("-term__starts_on").first()
    if reg is None:
        return {"reg_record": None}
    lines = list(reg.lines.exclude(status=m.Selection.Status.DROPPED).select_related("offering__course"))
    own = getattr(request.user, "pk", None) == student.person.user_id
    nxt = ""
    from django.utils.translation import gettext as _

    if own:
        nxt = {
            "SELECTION_OPEN": _("Select your courses and submit them to your supervisor."),
            "SUBMITTED": _("Wait for your supervisor's approval; without an answer in time your selection takes effect automatically."),
            "APPROVED": _("Add or drop courses during add/drop with your supervisor's consent."),
            "AUTO_APPROVED": _("Add or drop courses during add/drop with your supervisor's consent."),
            "NOT_RENEWED": _("If you had a justified reason, give it in writing before add/drop starts."),
            "FINAL_PENDING": _("Replace any course that does not run within the set period."),
        }.get(reg.state, "")
    return {"reg_record": reg, "reg_lines": lines, "reg_next": nxt,
            "reg_recognitions": restrict(request.user, "registration.view_application", m.Recognition.objects.filter(student=student))[:10],
            "reg_other_hei": restrict(request.user, "registration.view_application", m.OtherHeiCourse.objects.filter(student=student))[:10]}
