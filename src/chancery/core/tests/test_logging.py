"""What the console shows an operator: warnings and errors of ours and of Django, not the progress
and debug lines of the PDF libraries (WeasyPrint's steps and ignored CSS, fontTools' subsetting)."""

import logging

from chancery.core.pdf import html_to_pdf

PAGE = """<html><head><style>.bar { fill: #05c; stroke: #1d1d1b }</style></head><body><h1>Rapport</h1>
<svg width="200" height="40"><rect class="bar" width="120" height="20"/><text x="4" y="30">Label</text></svg>
</body></html>"""


def test_rendering_a_pdf_leaves_the_console_to_what_an_operator_needs(caplog):
    caplog.set_level(logging.DEBUG, logger="chancery")  # our own lines still come through
    assert html_to_pdf(PAGE).startswith(b"%PDF")
    noisy = [
        (record.name, record.getMessage()[:60])
        for record in caplog.records
        if record.name.split(".")[0] in {"weasyprint", "fontTools", "pydyf"} and record.levelno < logging.ERROR
    ]
    assert noisy == []
    logging.getLogger("chancery.core").warning("still shown")
    assert "still shown" in caplog.text
