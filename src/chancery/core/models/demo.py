from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class DemoSeed(models.Model):
    """What `chancery demo` once created, by a stable key. The demo never creates a key twice, so
    an item a user renamed, changed or removed is not brought back or overwritten by a rerun."""

    key = models.CharField(max_length=200, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "demo seed"

    def __str__(self) -> str:
        return self.key
