from django_tasks import task


@task()
def deliver(delivery_id: int) -> str:
    from chancery.api.webhooks import deliver_now

    return deliver_now(delivery_id)
