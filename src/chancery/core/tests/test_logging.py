"""What the console shows an operator: warnings and errors of ours and of Django, not the progress
and debug lines of the PDF libraries (WeasyPrint's steps and ignored CSS, fontTools' subsetting);
in production one JSON object a line, with the id of the request, which its tasks carry too."""

import io
import json
import logging

import pytest
from django.db import transaction
from django.urls import reverse

from chancery.core.background import REQUEST_ID_ARGUMENT, background, defer
from chancery.core.context import within_request
from chancery.core.logs import JsonFormatter, RequestContext
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


# --- Structured logs with the request's id (core.logs, core.context.RequestIdMiddleware) ---------


task_log = logging.getLogger("chancery.tests.task")


@background()
def log_from_a_task(number: int) -> int:
    task_log.warning("task ran for %s", number)
    return number


@pytest.fixture
def json_lines():
    """What the production console would print: our filter and formatter on a handler."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContext())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("chancery")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_every_answer_carries_a_request_id_and_a_proxys_valid_one_is_kept(client):
    first, second = client.get(reverse("health_live")), client.get(reverse("health_live"))
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    kept = client.get(reverse("health_live"), headers={"X-Request-ID": "lb-7f3a9c21-0001"})
    assert kept["X-Request-ID"] == "lb-7f3a9c21-0001"
    # An id that could forge a log line, or too short to tell requests apart, is replaced.
    for sent in ('abc\n{"level": "ERROR"}', "short", "x" * 65, "naam met spaties"):
        assert client.get(reverse("health_live"), headers={"X-Request-ID": sent})["X-Request-ID"] != sent


def test_a_task_logs_with_the_id_of_the_request_that_queued_it(json_lines):
    with within_request("req-0123456789"):
        log_from_a_task.enqueue(7, **{REQUEST_ID_ARGUMENT: "req-0123456789"})
        task_log.warning("queued %s", 7)
    log_from_a_task.enqueue(8)  # queued outside a request: no id
    lines = json_lines()
    assert [(line["message"], line["request_id"], line["channel"]) for line in lines] == [
        ("task ran for 7", "req-0123456789", "task"),
        ("queued 7", "req-0123456789", "web"),
        ("task ran for 8", None, "task"),
    ]
    assert {"time", "level", "logger"} <= set(lines[0]) and lines[0]["level"] == "WARNING"


@pytest.mark.django_db(transaction=True)
def test_the_queue_keeps_the_request_id_with_the_task(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with within_request("req-abcdef0123"), transaction.atomic():
        defer(log_from_a_task, 3)
    (queued,) = DBTaskResult.objects.filter(task_path=log_from_a_task.module_path)
    assert queued.args_kwargs == {"args": [3], "kwargs": {REQUEST_ID_ARGUMENT: "req-abcdef0123"}}
    # The function is called without it.
    assert log_from_a_task.call(3, **{REQUEST_ID_ARGUMENT: "req-abcdef0123"}) == 3


def test_an_exception_is_one_json_line_with_its_traceback(json_lines):
    try:
        raise ValueError("kapot")
    except ValueError:
        logging.getLogger("chancery.tests").exception("failed")
    (line,) = json_lines()
    assert line["message"] == "failed" and "ValueError: kapot" in line["exception"]
