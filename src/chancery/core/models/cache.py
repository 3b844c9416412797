"""The table of Django's database cache (`CACHES["shared"]`, see settings): what every web process
must count together, such as the API's rate limits. A model only so that `migrate` makes the table
(no separate `createcachetable` step); Django's cache backend reads and writes it, never the ORM."""

from django.db import models


class SharedCacheEntry(models.Model):
    # The columns Django's DatabaseCache expects (django.core.cache.backends.db).
    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "chancery_cache"

    def __str__(self) -> str:
        return self.cache_key
