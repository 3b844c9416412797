from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response


class Cursor(CursorPagination):
    """Cursor pages: stable under inserts, fast deep into a list. `{"results": [...], "next": url}`."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    ordering = "-pk"

    def decode_cursor(self, request):
        # A cursor the caller garbled is bad input (400), not a missing resource (DRF says 404).
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError({"cursor": [_("This cursor is not valid; follow the “next” link.")]}) from None

    def get_page_size(self, request):
        # DRF ignores a page size it cannot read and cuts a large one down without a word; the
        # caller would not learn that the page is not what they asked for.
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not (given.isascii() and given.isdigit()) or not 1 <= int(given) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("The page size is a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(given)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return parameters

    def get_paginated_response(self, data):
        return Response({"results": data, "next": self.get_next_link()})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {"results": schema, "next": {"type": "string", "format": "uri", "nullable": True}},
        }
