"""The read API of the foreign network (`/api/v1/posts`), registered with the API kit
(chancery.api.routes): each post with the countries and organisations it covers, its current staff
as the reader may see them and whether it meets the minimum staffing (memorandum §5.1)."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from chancery.api.authentication import reader
from chancery.api.serializers import absolute
from chancery.foreign_network.models import Post, Posting, StaffRole
from chancery.foreign_network.services import with_staffing


class StaffSerializer(serializers.ModelSerializer):
    """Someone currently at the post (the administration reads the names; others get none)."""

    name = serializers.CharField(source="person")
    role = serializers.ChoiceField(choices=StaffRole.choices)
    since = serializers.DateField(source="start")

    class Meta:
        model = Posting
        fields = ["name", "role", "since"]


class PostSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    country = serializers.CharField(source="country.code")
    countries = serializers.SerializerMethodField()
    organisations = serializers.ListField(child=serializers.CharField())
    staff = StaffSerializer(source="current_staff", many=True, read_only=True)
    meets_minimum_staffing = serializers.BooleanField(read_only=True)
    missing_roles = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = [
            "id", "url", "code", "city", "country", "countries", "organisations", "staff",
            "meets_minimum_staffing", "missing_roles",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse("api:post-detail", args=[obj.pk]))

    @extend_schema_field({"type": "array", "items": {"type": "string", "description": "ISO 3166-1 alpha-2"}})
    def get_countries(self, obj) -> list[str]:
        return [country.code for country in obj.countries]

    @extend_schema_field({"type": "array", "items": {"type": "string", "enum": [r.value for r in StaffRole]}})
    def get_missing_roles(self, obj) -> list[str]:
        return [role.value for role in obj.missing_roles]


class PostViewSet(viewsets.ReadOnlyModelViewSet):
    """The posts of Flanders' diplomatic network (public reference data); the names of their staff
    only for the administration (a token with read-internal)."""

    serializer_class = PostSerializer

    def get_queryset(self):
        user = reader(self.request)
        return with_staffing(Post.objects.visible_to(user).order_by("city", "pk"), reader=user)
