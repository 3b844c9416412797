import uuid

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import Field, SkipField
from rest_framework.relations import PKOnlyObject

from chancery.api.models import Delivery, WebhookSubscription
from chancery.core import events, links
from chancery.core.models import Document, DocumentVersion


def absolute(request, path: str) -> str:
    """The full address of a path on this site (core.links: the public address, else the request's)."""
    return links.absolute(path, request)


# Arguments a route is reversed with once, to be replaced by each object's own: for each type the
# routes' converters take (int, uuid), one per position, chosen so that they occur nowhere else in a path.
_MARKERS = {
    int: lambda position: 7301946285 + position,
    uuid.UUID: lambda position: uuid.UUID(int=0x7E3A9C51_2B8D_4F06_9A1E_5C7D3B9F0E00 + position),
}
_UNKNOWN = object()


class Routes:
    """`reverse(name, args)` for the many objects of one answer: each route is reversed once, with
    marker arguments, and the path is then filled in with each object's own (what `reverse` gives,
    for int and UUID arguments; anything else is reversed as usual). An API page of 50 objects
    carries about 200 links, and reversing each was a third of the time of a list.

    One per answer (`routes(serializer)`), not per process: the URL configuration and the script
    prefix are the request's."""

    def __init__(self, request):
        self.request = request
        self.base = links.site_base(request)
        self._templates = {}

    def reverse(self, name: str, args=()) -> str:
        kinds = tuple(type(arg) for arg in args)
        template = self._templates.get((name, kinds), _UNKNOWN)
        if template is _UNKNOWN:
            template = self._templates[name, kinds] = _template(name, kinds)
        if template is None:
            return reverse(name, args=args)
        parts = [template[0]]
        for arg, rest in zip(args, template[1:], strict=True):
            parts += (str(arg), rest)
        return "".join(parts)

    def absolute(self, name: str, args=()) -> str:
        """The full address (core.links.absolute) of the route with these arguments."""
        return self.base + self.reverse(name, args)


def _template(name: str, kinds: tuple) -> list[str] | None:
    """The path of the route split around its arguments, or None when it cannot be (an argument of
    another type, a marker the path holds anywhere else, a converter that writes it otherwise)."""
    if not all(kind in _MARKERS for kind in kinds):
        return None
    markers = [str(_MARKERS[kind](position)) for position, kind in enumerate(kinds)]
    path = reverse(name, args=markers)
    parts = []
    for marker in markers:
        if path.count(marker) != 1:
            return None
        before, path = path.split(marker)
        parts.append(before)
    return [*parts, path]


def routes(serializer) -> Routes:
    """The `Routes` of the answer a serializer is part of (kept in the context its list shares)."""
    context = serializer.context
    found = context.get("routes")
    if found is None:
        found = context["routes"] = Routes(context["request"])
    return found


def link(serializer, name: str, args=()) -> str:
    """The full address of route `name` with `args`: `absolute(request, reverse(name, args=args))`."""
    return routes(serializer).absolute(name, args)


def _plain_reader(field, model):
    """How to read a field of an object directly, where DRF's generic path would give the same: a
    method field calls its method; a field whose source is a column of the model reads it (no
    callable, mapping or missing attribute to handle). None: DRF's generic path."""
    if isinstance(field, serializers.SerializerMethodField):
        method = getattr(field.parent, field.method_name)
        return lambda instance: instance, method
    columns = {f.name for f in model._meta.concrete_fields if not f.is_relation}
    if type(field).get_attribute is Field.get_attribute and len(field.source_attrs) == 1:
        if field.source_attrs[0] in columns:
            name = field.source_attrs[0]
            return lambda instance: getattr(instance, name), field.to_representation
    return None


class LinkedSerializer(serializers.ModelSerializer):
    """Every object carries `id` and `url` (its API address); released ones a `permalink`."""

    url = serializers.SerializerMethodField()
    permalink = serializers.SerializerMethodField()
    detail_route = ""

    # (Not in the docstring: that is the OpenAPI document's description of every such object.)
    # `to_representation` is DRF's, with the way to read each field worked out once per serializer
    # (a list's 50 objects share it) instead of per object and field: the same output, at a part of
    # the cost of DRF's generic path (`_plain_reader`).
    def to_representation(self, instance):
        plan = self.__dict__.get("_plan")
        if plan is None:
            model = self.Meta.model
            plan = self._plan = [(field, _plain_reader(field, model)) for field in self._readable_fields]
        ret = {}
        for field, plain in plan:
            if plain is not None:
                read, represent = plain
                attribute = read(instance)
                ret[field.field_name] = None if attribute is None else represent(attribute)
                continue
            # DRF's Serializer.to_representation, for the other fields.
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            ret[field.field_name] = None if check_for_none is None else field.to_representation(attribute)
        return ret

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return link(self, self.detail_route, [obj.pk])

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_permalink(self, obj) -> str | None:
        path = self.public_path(obj)
        return routes(self).base + path if path else None

    def reverse(self, name: str, args=()) -> str:
        """A path of this site (`django.urls.reverse`), the route reversed once per answer."""
        return routes(self).reverse(name, args)

    def public_path(self, obj) -> str | None:
        return None


class VersionSerializer(serializers.ModelSerializer):
    file = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = ["number", "original_filename", "file_format", "mime_type", "size", "sha256", "uploaded_at", "file"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_file(self, obj) -> str:
        return absolute(self.context["request"], obj.get_download_url())


class DocumentSerializer(LinkedSerializer):
    detail_route = "api:document-detail"
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "url", "permalink", "title", "kind", "access_level", "release_state", "created_at", "versions"]

    def public_path(self, obj):
        return self.reverse("portal:document", args=[obj.uuid]) if obj.is_public else None


@extend_schema_field({"type": "string", "format": "uri", "pattern": "^https?://[^/?#:]+", "maxLength": 500})
class HttpUrlField(serializers.URLField):
    """An http(s) address; the document says so, so that clients know other schemes are refused."""


class SubscriptionSerializer(serializers.ModelSerializer):
    """A webhook subscription of the calling token. The secret is shown once, in the answer to its
    creation; deliveries are signed with it (Chancery-Signature: t=…,v1=HMAC-SHA256)."""

    url = serializers.SerializerMethodField()
    target = HttpUrlField(source="url", max_length=500, help_text="Where events are delivered (POST).")
    # The choices are the event types the apps declared (core.events), read when the serializer is
    # made: the apps declare theirs in ready(), after this module may have been imported.
    event_types = serializers.ListField(child=serializers.ChoiceField(choices=[]), min_length=1)
    deliveries = serializers.SerializerMethodField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_types"].child.choices = [(t.code, t.label) for t in events.types()]

    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "target", "event_types", "active", "revision", "created_at", "deliveries"]
        read_only_fields = ["id", "revision", "created_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return link(self, "api:webhook-detail", [obj.pk])

    @extend_schema_field(OpenApiTypes.URI)
    def get_deliveries(self, obj) -> str:
        return link(self, "api:webhook-deliveries", [obj.pk])


class NewSubscriptionSerializer(SubscriptionSerializer):
    secret = serializers.CharField(read_only=True)

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    event = serializers.CharField(source="event.type")
    subject = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = ["id", "event", "subject", "attempt", "state", "status_code", "error", "scheduled_at", "attempted_at"]

    def get_subject(self, obj) -> str:
        return f"{obj.event.subject_model}:{obj.event.subject_id}"
