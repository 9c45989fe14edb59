import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from bilim.apps.core.models import RetiredFile
from bilim.apps.mobility import services as svc
from tests.mobility.conftest import world  # noqa
from tests.mobility.test_student_flow import TODAY, apply
from tests.security.test_admin_uploads import PDF
pytestmark = pytest.mark.django_db

def test_dbg(world, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    monkeypatch.setattr(svc, "today", lambda: TODAY)
    from django.core.files.storage import default_storage
    from bilim.apps.core import uploads
    mob = apply(world)
    svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=SimpleUploadedFile("a.pdf", PDF))
    svc.document_upload(actor=world.users["student"], mobility=mob, kind="CV", file=SimpleUploadedFile("a.pdf", PDF+b"2"))
    old = RetiredFile.objects.get()
    print("EXISTS", old.name, default_storage.exists(old.name), default_storage.location)
    e = uploads.DOWNLOADS[old.key]
    print("READ", e.records_readable(world.users["deputy_dean_ir"]).filter(pk=old.record_id).exists(), e.record_readable)
    from django.test import Client
    c = Client(); c.force_login(world.users["deputy_dean_ir"])
    r = c.get(f"/files/earlier/{old.pk}/")
    print("STATUS", r.status_code, r.content[:300])
