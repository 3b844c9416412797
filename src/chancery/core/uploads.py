"""Keeping the file name as the client sent it.

Django quietly strips folders and control characters from an uploaded file's name. That keeps
the server safe, but the user never learns that "../../etc/passwd.pdf" became "passwd.pdf". We
keep the original beside the safe name (`upload.client_name`) so that the document store can
refuse such a name with a clear message (core.files.check_filename); the safe name is still the
only one Django uses.
"""

from __future__ import annotations

import html
from functools import partial

from django.conf import settings
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParser
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import ImmutableList
from django.utils.translation import gettext as _


class ClientNameMultiPartParser(MultiPartParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.altered_names: dict[str, str] = {}

    def sanitize_file_name(self, file_name):
        safe = super().sanitize_file_name(file_name)
        original = html.unescape(file_name)
        if safe is not None and safe != original:
            self.altered_names.setdefault(safe, original)
        return safe

    IE_sanitize = sanitize_file_name

    def parse(self):
        post, files = super().parse()
        for upload in files.values():
            if upload.name in self.altered_names:
                upload.client_name = self.altered_names[upload.name]
        return post, files


def _parse_file_upload(request, META, post_data):
    request.upload_handlers = ImmutableList(request.upload_handlers, warning="Upload handlers are fixed by now.")
    return ClientNameMultiPartParser(META, post_data, request.upload_handlers, request.encoding).parse()


class ClientFileNameMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.parse_file_upload = partial(_parse_file_upload, request)
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than `CHANCERY_MAX_REQUEST_BYTES` before any of it is
    read: Django would otherwise spool a 300 MB upload to disk before the form could say it is too
    large. Django reads only as many bytes as `Content-Length` announces, so that header is the
    whole body. Before CSRF's check, which parses the form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.CHANCERY_MAX_REQUEST_BYTES
        if length <= limit:
            return self.get_response(request)
        sizes = {"size": filesizeformat(length), "max": filesizeformat(limit)}
        if request.path.startswith("/api/"):
            detail = _("What you sent is %(size)s; the limit is %(max)s.") % sizes
            return JsonResponse(
                {"type": "about:blank", "title": _("Too large"), "status": 413, "detail": detail},
                status=413,
                content_type="application/problem+json",
            )
        return render(request, "413.html", sizes, status=413)
