from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "bilim.apps.governance"
    label = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from bilim.apps.core.selectors import DASHBOARD_LINKS
        from bilim.apps.governance import meetings, permissions  # noqa: F401  (registers actions)
        from bilim.apps.governance.downloads import register_downloads
        from bilim.apps.governance.models import Meeting, UrgentDecision
        from bilim.apps.workflow.labels import register_labels
        from bilim.apps.workflow.registry import register_subject
        from bilim.apps.workflow.services import register_relational_role

        register_downloads()
        # KTMU-W-21: the Board's meeting (bt_state) and the urgent decisions of its chair and deputies (state). A meeting
        # never waits in a queue (its votes are driven by the meeting page); a provisional urgent decision waits for
        # the Board's next meeting, whose agenda collects it.
        register_subject("KTMU-W-21", Meeting, state_field="bt_state", scope=lambda qs, body: qs.none(),
                         label=lambda o: str(o), url=lambda o: f"/governance/meetings/{o.pk}/")
        register_subject("KTMU-W-21", UrgentDecision, state_field="state", scope=lambda qs, body: qs.filter(body=body),
                         label=lambda o: str(_("Urgent decision: %(title)s") % {"title": o.title}),
                         url=lambda o: f"/governance/urgent/{o.pk}/", perform=meetings.urgent_perform)
        register_relational_role("bt_chair", meetings._bt_chair_check)
        register_labels("KTMU-W-21", states={
            "NEW": _("New"), "CONVENED": _("Convened"), "QUORATE": _("In session with quorum"), "NOT_QUORATE": _("Without quorum"),
            "ADOPTED": _("Adopted"), "NOT_ADOPTED": _("Not adopted"), "CLOSED": _("Closed"), "PROVISIONAL": _("Provisional"),
            "LAPSED": _("Lapsed"),
        }, actions={
            "convene": _("Convene"), "open_quorate": _("Open with quorum"), "open_not_quorate": _("Record the lack of quorum"),
            "vote_adopted": _("Vote: adopted"), "vote_not_adopted": _("Vote: not adopted"), "next_item": _("Next item"),
            "close_meeting": _("Close the meeting"), "urgent_decision": _("Urgent decision"), "ratify": _("Ratify"), "lapse": _("Lapse"),
        })
        DASHBOARD_LINKS.extend([
            ("governance.view_body", _("Bodies and meetings"), "governance:bodies"),
            ("governance.view_body", _("Governance alerts"), "governance:alerts"),
        ])
