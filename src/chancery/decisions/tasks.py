from django_tasks import task

from chancery.decisions.models import Release


@task()
def perform_release(release_id: int) -> str:
    """Run by the worker at the planned moment; a release moved or already done is left alone."""
    from chancery.decisions.services import release_now

    release = Release.objects.get(pk=release_id)
    return release_now(None, release).state
