"""Background tasks of the core: run by `chancery worker` (or at once in tests)."""

from __future__ import annotations

from django_tasks import task

from chancery.core.extraction import ExtractionError, extract_text
from chancery.core.models import DocumentVersion, ExtractionState


@task()
def extract_version_text(version_id: int) -> str:
    version = DocumentVersion.objects.get(pk=version_id)
    if version.extraction_state != ExtractionState.PENDING:
        return version.extraction_state  # already done: a retried task changes nothing
    with version.file.open("rb") as stored:
        data = stored.read()
    try:
        text = extract_text(data, version.file_format)
    except ExtractionError as exc:
        version.extraction_state = ExtractionState.FAILED
        version.extraction_error = str(exc)
    else:
        if text is None:
            version.extraction_state = ExtractionState.NOT_APPLICABLE
        else:
            version.text = text
            version.extraction_state = ExtractionState.DONE
    version.save(update_fields=["text", "extraction_state", "extraction_error"])
    return version.extraction_state


@task()
def render_version_pdf(version_id: int) -> str:
    from chancery.core.rendition import render

    rendition = render(DocumentVersion.objects.get(pk=version_id))
    return rendition.state if rendition else "not_needed"
