from django.conf import settings
from django_tasks import task


@task()
def rebuild_open_data() -> dict:
    from chancery.portal import opendata

    return opendata.build(settings.CHANCERY_PUBLIC_URL)


@task()
def sync_search_index() -> int:
    """Bring the public search index up to date with the database (see search.tantivy_index)."""
    from chancery.portal.search.tantivy_index import indexer

    return indexer.sync()
