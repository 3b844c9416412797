from django.conf import settings
from django_tasks import task


@task()
def rebuild_open_data() -> dict:
    from chancery.portal import opendata

    return opendata.build(settings.CHANCERY_PUBLIC_URL)
