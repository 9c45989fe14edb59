"""Uploaded files: checked by their bytes, stored under random names, served only through an authorised view.

Why: an extension says nothing about a file (an executable renamed ``.pdf`` passes an extension check),
and files stored under their own names in a public ``/media/`` folder would publish students'
documents to whoever guesses a name. So every upload is

* validated by content (magic numbers, via the ``filetype`` library) against the allowed kinds, and
  the content must match the extension it claims (:func:`validate_upload`);
* stored as ``<prefix>/<year>/<uuid4 hex><ext>`` (:class:`RandomUploadTo`), so names are unguessable
  and carry nothing personal;
* downloaded only through :func:`download`, which asks the app that owns the record whether the user
  may read it (apps :func:`register` their file fields with a queryset builder that goes through
  ``restrict()``), and answers as an attachment with ``nosniff``.

* previewed through :func:`preview` (``/files/<key>/<pk>/view/``): PDF and images open in the browser
  (``Content-Disposition: inline``, ``nosniff``, and a ``Content-Security-Policy: sandbox`` for PDFs, so a PDF's
  scripts and forms run in an opaque origin); other kinds are downloaded;
* never lost: a file that is replaced or removed is kept in storage and listed as an earlier version
  (:func:`retire`, :class:`~bilim.apps.core.models.RetiredFile`), which the readers of its record may still open
  (:func:`retired_download`).

The limit and the accepted kinds are stated on every upload field before anyone chooses a file
(:func:`upload_field`, :data:`UPLOAD_HELP`).

``core`` imports no domain app: apps register their file fields here from their ``AppConfig.ready``.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import filetype
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_safe

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: extension -> the content kind its bytes must show (``filetype`` extension, or "xml" checked as text)
ALLOWED_UPLOADS: dict[str, str] = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg", ".png": "png", ".docx": "docx", ".xml": "xml"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xml": "application/xml",
}
#: what the browser may open in place (the others are downloaded)
INLINE_KINDS = {"pdf", "jpg", "png"}
UPLOAD_ACCEPT = ",".join(ALLOWED_UPLOADS)
#: stated beside every upload field, before a file is chosen
UPLOAD_HELP = pgettext_lazy("upload", "Accepted: PDF, JPG, PNG, DOCX or XML, at most 5 MB. The content is checked, not only the name.")
_HEAD_BYTES = 8192  # enough for filetype's matchers (the DOCX one looks into the first zip entries)


def _head(f: Any) -> bytes:
    """The first bytes of an uploaded or stored file, leaving its position where it was found."""
    pos = f.tell() if hasattr(f, "tell") else 0
    try:
        f.seek(0)
        return bytes(f.read(_HEAD_BYTES) or b"")
    finally:
        f.seek(pos)


def _looks_like_xml(head: bytes) -> bool:
    """XML has no magic number: UTF-8 text (BOM allowed) whose first non-blank character opens a tag."""
    if b"\x00" in head:
        return False
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<")


def content_kind(f: Any) -> str | None:
    """The allowed kind the file's bytes show (``pdf``, ``jpg``, ``png``, ``docx``, ``xml``), or None."""
    head = _head(f)
    guessed = filetype.guess(head)
    if guessed is not None:
        kind = "jpg" if guessed.extension == "jpg" else guessed.extension
        return kind if kind in CONTENT_TYPES and kind != "xml" else None
    return "xml" if head and _looks_like_xml(head) else None


def validate_upload(f: Any) -> None:
    """Uploaded documents: PDF, JPG, PNG, DOCX or XML by their bytes, matching their extension; at most 5 MB."""
    ext = Path(getattr(f, "name", "") or "").suffix.lower()
    expected = ALLOWED_UPLOADS.get(ext)
    if expected is None:
        raise ValidationError(_("File type %(ext)s is not accepted (PDF, JPG, PNG, DOCX, XML)."), params={"ext": ext or "?"}, code="type")
    if (getattr(f, "size", 0) or 0) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."), code="size")
    if content_kind(f) != expected:
        raise ValidationError(
            _("The content of this file is not a %(ext)s document (it may be renamed or damaged). Upload the original PDF, JPG, PNG, DOCX or XML file."),
            params={"ext": ext.lstrip(".").upper()},
            code="content",
        )


@deconstructible
class RandomUploadTo:
    """``upload_to`` giving ``<prefix>/<year>/<uuid4 hex><ext>``: unguessable, nothing personal in the name."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        ext = Path(filename or "").suffix.lower()
        ext = ext if ext in ALLOWED_UPLOADS else ""
        return f"{self.prefix}/{dt.date.today():%Y}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomUploadTo) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def random_upload_to(prefix: str) -> RandomUploadTo:
    return RandomUploadTo(prefix)


RANDOM_NAME = re.compile(r"^.+/\d{4}/[0-9a-f]{32}(\.[a-z]+)?$")


def move_to_random_name(storage: Any, name: str, prefix: str) -> str:
    """Move a file stored under a name given before random names (e.g. ``mobility/2026/Асанова_CV.pdf``) to a random
    one and return the new name; a missing file or one already random keeps its name. Used by data migrations."""
    if not name or RANDOM_NAME.match(name) or not storage.exists(name):
        return name
    with storage.open(name, "rb") as fh:
        new = storage.save(RandomUploadTo(prefix)(None, name), fh)
    storage.delete(name)
    return str(new)


def rename_stored_uploads(apps: Any, fields: list[tuple[str, str, str]]) -> None:
    """Data migration step: for each ``(model label, field, prefix)``, give every stored file a random name."""
    from django.core.files.storage import default_storage

    for label, field, prefix in fields:
        model = apps.get_model(label)
        for pk, name in model.objects.exclude(**{field: ""}).values_list("pk", field).iterator():
            new = move_to_random_name(default_storage, name, prefix)
            if new != name:
                model.objects.filter(pk=pk).update(**{field: new})


def upload_field(label: Any, *, required: bool = True, help_text: Any = None) -> forms.FileField:
    """A form's file field that states the accepted kinds and the size limit and is checked by :func:`validate_upload`."""
    return forms.FileField(label=label, required=required, validators=[validate_upload], help_text=help_text or UPLOAD_HELP,
                           widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT, "data-max-bytes": MAX_UPLOAD_BYTES}))


# --- authorised downloads -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Downloadable:
    """A file field of a model, and the rows of that model a user may read (built through ``restrict()``).

    ``record`` gives the record a row belongs to (a mobility document belongs to its mobility file) and
    ``record_readable`` the records a user may read; earlier versions of a file are opened by the readers of its record
    (even after the row itself was removed). By default the row is its own record."""

    model: type[models.Model]
    field: str
    readable: Callable[[Any], models.QuerySet[Any]]
    filename: Callable[[Any], str] = str
    record: Callable[[Any], models.Model] | None = None
    record_readable: Callable[[Any], models.QuerySet[Any]] | None = None

    def record_of(self, row: Any) -> models.Model:
        return self.record(row) if self.record is not None else row

    def records_readable(self, user: Any) -> models.QuerySet[Any]:
        return (self.record_readable or self.readable)(user)


DOWNLOADS: dict[str, Downloadable] = {}


def register(key: str, model: type[models.Model], field: str, readable: Callable[[Any], models.QuerySet[Any]],
             filename: Callable[[Any], str] = str, *, record: Callable[[Any], models.Model] | None = None,
             record_readable: Callable[[Any], models.QuerySet[Any]] | None = None) -> None:
    """Make ``model.field`` downloadable at ``/files/<key>/<pk>/`` by the users ``readable(user)`` lets read the row."""
    DOWNLOADS[key] = Downloadable(model, field, readable, filename, record, record_readable)


def download_url(key: str, obj: models.Model) -> str:
    return reverse("file_download", args=[key, obj.pk])


def preview_url(key: str, obj: models.Model) -> str:
    return reverse("file_preview", args=[key, obj.pk])


def opens_inline(name: str | None) -> bool:
    """Whether the browser may show the stored file in place (PDF, JPG, PNG)."""
    return ALLOWED_UPLOADS.get(Path(name or "").suffix.lower()) in INLINE_KINDS


def _serve(stored: Any, base: str, *, inline: bool) -> FileResponse:
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    ext = Path(stored.name).suffix.lower()
    kind = ALLOWED_UPLOADS.get(ext)
    content_type = CONTENT_TYPES.get(kind or "") or mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    inline = inline and kind in INLINE_KINDS
    response = FileResponse(handle, as_attachment=not inline, filename=f"{base}{ext}", content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if inline:
        # the file is shown as the top document: a PDF runs in a sandbox (no script, form or navigation in our origin),
        # an image may load nothing else
        response["Content-Security-Policy"] = "sandbox" if kind == "pdf" else "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response


def _row(request: HttpRequest, key: str, pk: int) -> tuple[Downloadable, Any, Any]:
    entry = DOWNLOADS.get(key)
    if entry is None:
        raise Http404
    row = entry.readable(request.user).filter(pk=pk).first()
    stored = getattr(row, entry.field, None) if row is not None else None
    if not stored:
        raise Http404
    return entry, row, stored


@require_safe
@login_required
def download(request: HttpRequest, key: str, pk: int) -> FileResponse:
    """Serve one stored file to a user allowed to read its record; 404 otherwise (existence is not revealed)."""
    entry, row, stored = _row(request, key, pk)
    base = slugify(entry.filename(row), allow_unicode=False) or key
    return _serve(stored, f"{base}-{row.pk}", inline=False)


@require_safe
@login_required
def preview(request: HttpRequest, key: str, pk: int) -> FileResponse:
    """The same file opened in the browser (PDF, JPG, PNG inline; anything else is downloaded)."""
    entry, row, stored = _row(request, key, pk)
    base = slugify(entry.filename(row), allow_unicode=False) or key
    return _serve(stored, f"{base}-{row.pk}", inline=True)


# --- earlier versions: replaced and removed files are kept ----------------------------------------------------------


def retire(*, actor: Any, key: str, row: models.Model, action: str, label: str = "", reason: str = "") -> Any:
    """Keep the file now in ``row``'s registered field as an earlier version before it is replaced or removed.

    The stored file is not deleted; the caller then writes the new file (or removes the row) and its audit row in the
    same transaction. Returns the :class:`~bilim.apps.core.models.RetiredFile`, or None when the field was empty."""
    from bilim.apps.core.models import RetiredFile

    entry = DOWNLOADS[key]
    stored = getattr(row, entry.field, None)
    if not stored:
        return None
    record = entry.record_of(row)
    return RetiredFile.objects.create(
        key=key, object_id=str(row.pk), record_type=record._meta.label_lower, record_id=str(record.pk), label=str(label)[:200],
        name=stored.name, uploaded_at=getattr(row, "uploaded_at", None), action=action,
        retired_by=actor if getattr(actor, "is_authenticated", False) else None, reason=str(reason)[:300],
    )


def earlier_versions(record: models.Model) -> models.QuerySet[Any]:
    """The retired files of a record, newest first (shown under its documents)."""
    from bilim.apps.core.models import RetiredFile

    return RetiredFile.objects.filter(record_type=record._meta.label_lower, record_id=str(record.pk)).select_related("retired_by")


@require_safe
@login_required
def retired_download(request: HttpRequest, pk: int) -> FileResponse:
    """An earlier version, opened by a reader of the record it belonged to (PDF and images in the browser)."""
    from django.core.files.storage import default_storage

    from bilim.apps.core.models import RetiredFile

    old = RetiredFile.objects.filter(pk=pk).first()
    entry = DOWNLOADS.get(old.key) if old is not None else None
    if old is None or entry is None or not entry.records_readable(request.user).filter(pk=old.record_id).exists():
        raise Http404
    if not default_storage.exists(old.name):
        raise Http404
    stored = default_storage.open(old.name, "rb")
    stored.name = old.name
    return _serve(_Stored(stored, old.name), f"{old.key}-{old.object_id}-v{old.pk}", inline=request.GET.get("inline") == "1")


class _Stored:
    """A stored file looked up by name, shaped like a FieldFile for :func:`_serve`."""

    def __init__(self, handle: Any, name: str) -> None:
        self._handle, self.name = handle, name

    def open(self, mode: str = "rb") -> Any:
        return self._handle
