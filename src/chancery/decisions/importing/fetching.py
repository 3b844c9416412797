"""Fetching the documents an imported record links to (issue 22), only when the operator turns it
on (`CHANCERY_IMPORT_FETCH_DOCUMENTS`; off by default: a machine may have no way out, and an export
may link to thousands of files).

A fetcher is any callable `fetch(document) -> UploadedFile` that raises `FetchFailed` with a reason
in the operator's language; `import_decisions(..., fetcher=...)` takes one, and by default it is
`http_fetcher` when the setting is on, none when it is off. The file comes back in a temporary file
(never whole in memory), at most CHANCERY_MAX_UPLOAD_BYTES (the document store's own limit), and is
then stored by the document services as any upload: inspected, content-addressed, audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import urllib3
from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from chancery.decisions.importing.records import SourceDocument

CHUNK = 64 * 1024
TIMEOUT = urllib3.Timeout(connect=10, read=60)


class FetchFailed(Exception):
    """The document could not be fetched; the message says why."""


Fetcher = Callable[[SourceDocument], TemporaryUploadedFile]


def file_name(document: SourceDocument) -> str:
    """The name the source gives the file, else the last part of its address."""
    name = document.file_name or unquote(PurePosixPath(urlsplit(document.url).path).name)
    return name or "document"


def http_fetcher(document: SourceDocument) -> TemporaryUploadedFile:
    """GET the document's URL (http or https; up to three redirects), streamed into a temporary file."""
    if urlsplit(document.url).scheme not in ("http", "https"):
        raise FetchFailed(_("Only http and https addresses are fetched: %(url)s") % {"url": document.url})
    limit = settings.CHANCERY_MAX_UPLOAD_BYTES
    pool = urllib3.PoolManager(timeout=TIMEOUT, retries=urllib3.Retry(total=3, redirect=3, raise_on_redirect=True))
    try:
        response = pool.request("GET", document.url, preload_content=False)
    except urllib3.exceptions.HTTPError as exc:
        raise FetchFailed(
            _("%(url)s could not be fetched (%(error)s).") % {"url": document.url, "error": exc}
        ) from None
    try:
        if response.status != 200:
            raise FetchFailed(
                _("%(url)s could not be fetched: the server answered %(status)d.")
                % {"url": document.url, "status": response.status}
            )
        media_type = (response.headers.get("Content-Type") or document.media_type or "").split(";")[0].strip()
        upload = TemporaryUploadedFile(file_name(document), media_type or "application/octet-stream", 0, None)
        size = 0
        try:
            for chunk in response.stream(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchFailed(
                        _("%(url)s is larger than %(max)s, the limit of a document.")
                        % {"url": document.url, "max": filesizeformat(limit)}
                    )
                upload.write(chunk)
        except urllib3.exceptions.HTTPError as exc:
            upload.close()
            raise FetchFailed(
                _("%(url)s could not be fetched (%(error)s).") % {"url": document.url, "error": exc}
            ) from None
        except FetchFailed:
            upload.close()
            raise
        upload.size = size
        upload.seek(0)
        return upload
    finally:
        response.release_conn()


def default_fetcher() -> Fetcher | None:
    return http_fetcher if getattr(settings, "CHANCERY_IMPORT_FETCH_DOCUMENTS", False) else None
