from django.urls import path

from bilim.apps.governance import meeting_views as mv
from bilim.apps.governance import views

app_name = "governance"
urlpatterns = [
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/export.csv", views.body_csv, name="bodies_csv"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/export.csv", views.decision_csv, name="decisions_csv"),
    path("decisions/new/", views.decision_new, name="decision_new"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/adopt/", views.decision_adopt, name="decision_adopt"),
    path("decisions/<int:pk>/supersede/", views.decision_supersede, name="decision_supersede"),
    path("bodies/new/", mv.body_new, name="body_new"),
    path("bodies/<int:pk>/members/", mv.membership_add, name="membership_add"),
    path("memberships/<int:pk>/end/", mv.membership_end, name="membership_end"),
    path("bodies/<int:pk>/convene/", mv.meeting_convene, name="meeting_convene"),
    path("bodies/<int:pk>/urgent/", mv.urgent_new, name="urgent_new"),
    path("bodies/<int:pk>/register/", mv.board_register, name="register"),
    path("bodies/<int:pk>/register.xlsx", mv.board_register_xlsx, name="register_xlsx"),
    path("meetings/<int:pk>/", mv.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/agenda/", mv.meeting_agenda_build, name="meeting_agenda"),
    path("meetings/<int:pk>/items/", mv.meeting_item_add, name="meeting_item_add"),
    path("meetings/<int:pk>/open/", mv.meeting_open, name="meeting_open"),
    path("meetings/<int:pk>/close/", mv.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/minutes/<str:doc_lang>.<str:fmt>", mv.meeting_document, name="minutes"),
    path("items/<int:pk>/votes/", mv.item_votes, name="item_votes"),
    path("items/<int:pk>/tally/", mv.item_tally, name="item_tally"),
    path("items/<int:pk>/conflict/", mv.item_conflict, name="item_conflict"),
    path("items/<int:pk>/decide/", mv.item_decide, name="item_decide"),
    path("items/<int:pk>/retry/", mv.item_retry, name="item_retry"),
    path("decisions/<int:pk>/extract/<str:doc_lang>.<str:fmt>", mv.decision_document, name="extract"),
    path("urgent/<int:pk>/", mv.urgent_detail, name="urgent"),
    path("alerts/", mv.alerts, name="alerts"),
    path("mine/", mv.my_bodies, name="mine"),
    path("public/", mv.public_decisions, name="public"),
]
