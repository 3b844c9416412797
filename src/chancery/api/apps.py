from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (/api/v1/): the same data and the same confidentiality as the pages."""

    name = "chancery.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from chancery.api import readers, schema, signals  # noqa: F401 - OpenAPI description of tokens; the outbox
        from chancery.api.models import ApiToken
        from chancery.core import replicas

        readers.register()
        # Reads of the API may come from a read replica; a token, though, counts (or is revoked)
        # the moment it is made (or revoked) on the primary.
        replicas.serve_from_replica("api")
        replicas.read_from_primary(ApiToken)
