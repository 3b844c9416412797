from django_tasks import task


@task()
def make_report(report_id: int) -> str:
    """Render a progress report's HTML and PDF in the background."""
    from chancery.monitoring.services.reports import generate

    return generate(report_id)
