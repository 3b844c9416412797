"""HTML to PDF with WeasyPrint, for every document the platform writes itself (progress reports,
licences, refusal letters). WeasyPrint needs the system's Pango; without it the error says so."""

from __future__ import annotations

from django.utils.translation import gettext as _


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except OSError:  # Pango is missing from the system
        raise RuntimeError(_("PDF needs Pango on the server: apt-get install libpangoft2-1.0-0")) from None
    return HTML(string=html).write_pdf()
