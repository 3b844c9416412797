from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (/api/v1/): the same data and the same confidentiality as the pages."""

    name = "chancery.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from chancery.api import readers, schema, signals  # noqa: F401 - OpenAPI description of tokens; the outbox

        readers.register()
