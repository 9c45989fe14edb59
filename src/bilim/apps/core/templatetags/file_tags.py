"""``{% file_links "mobility-document" doc %}``: open (PDF, images, in the browser) and download links of an uploaded
file through the authorised views of :mod:`bilim.apps.core.uploads`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from bilim.apps.core import uploads

register = template.Library()


@register.simple_tag
def file_links(key: str, obj: Any, label: str = "") -> str:
    entry = uploads.DOWNLOADS.get(key)
    stored = getattr(obj, entry.field, None) if entry is not None and obj is not None else None
    if not stored:
        return "—"
    download = format_html('<a href="{}" data-testid="file-download">{}</a>', uploads.download_url(key, obj), _("Download"))
    if not uploads.opens_inline(stored.name):
        return format_html("{}{}", format_html("{} · ", label) if label else "", download)
    view = format_html('<a href="{}" target="_blank" rel="noopener" data-testid="file-view">{}</a>', uploads.preview_url(key, obj),
                       label or _("Open"))
    return format_html("{} · {}", view, download)


@register.inclusion_tag("core/_earlier_versions.html")
def earlier_versions(record: Any) -> dict[str, Any]:
    """The replaced and removed files of ``record`` (each opened by the record's readers through the authorised view)."""
    return {"earlier": list(uploads.earlier_versions(record)) if record is not None else []}
