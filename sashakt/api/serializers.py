"""What /api/v1/ shows of each record, and the bodies of its writes.

Districts are given by their LGD code (the key other government systems use). A person's
mobile and social category are shown only to those the pages show them to
(`people.rules.may_see_personal_data`); otherwise they are null."""

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sashakt.api.problems import Problem
from sashakt.attendance.models import Mark, MarkStatus
from sashakt.certificates.models import Certificate
from sashakt.followup.models_outcomes import IndicatorValue
from sashakt.followup.selectors import STAGE_STATES
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.people.rules import may_see_personal_data
from sashakt.programmes.models import Batch, BatchSession, Institute, MoU, Programme


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^[0-2][0-9]:[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$",
        "description": "Local time in India (IST), HH:MM[:SS]",
    }
)
class LocalTimeField(serializers.TimeField):  # type: ignore[misc]  # DRF ships no types
    """A time of day in India, without an offset (OpenAPI's "time" format demands one)."""


class ModelSerializer(serializers.ModelSerializer):  # type: ignore[misc]  # DRF ships no types
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.TimeField: LocalTimeField,
    }


class StrictSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    """A write body: a field this address does not take is refused, never ignored."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise Problem(
                    "unknown-fields",
                    ", ".join(unknown),
                    errors={name: [str(Problem("unknown-fields").detail)] for name in unknown},
                )
        return super().to_internal_value(data)


class PersonSerializer(ModelSerializer):
    district = serializers.IntegerField(source="district.lgd_code", read_only=True)
    block = serializers.SerializerMethodField()
    gram_panchayat = serializers.SerializerMethodField()
    mobile = serializers.SerializerMethodField()
    social_category = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "name_alt",
            "gender",
            "designation",
            "district",
            "block",
            "gram_panchayat",
            "mobile",
            "social_category",
            "term_start",
            "left_office_on",
            "updated_at",
        ]

    def _personal(self, person: Person) -> bool:
        return may_see_personal_data(self.context["request"].user, person)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_block(self, person: Person) -> int | None:
        return person.block.lgd_code if person.block else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_gram_panchayat(self, person: Person) -> str | None:
        if person.gram_panchayat:
            return person.gram_panchayat.name_en
        return person.gram_panchayat_name or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_mobile(self, person: Person) -> str | None:
        return person.mobile if self._personal(person) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_social_category(self, person: Person) -> str | None:
        return person.social_category if self._personal(person) else None


class PersonUpsertSerializer(StrictSerializer):
    """One registry row by mobile, as a spreadsheet row would carry it; cleaned by the
    registry import's own rules."""

    mobile = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    name_alt = serializers.CharField(max_length=150, required=False, allow_blank=True)
    gender = serializers.CharField(max_length=20, required=False, allow_blank=True)
    designation = serializers.CharField(max_length=60, required=False, allow_blank=True)
    category = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    term_start = serializers.CharField(max_length=20, required=False, allow_blank=True)
    date_of_birth = serializers.CharField(max_length=20, required=False, allow_blank=True)
    district = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="LGD code"
    )
    block = serializers.CharField(max_length=150, required=False, allow_blank=True)
    gram_panchayat = serializers.CharField(max_length=150, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class PersonUpsertResultSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    created = serializers.BooleanField()
    changed = serializers.BooleanField()
    notes = serializers.ListField(child=serializers.CharField())
    person = PersonSerializer()


class InstituteSerializer(ModelSerializer):
    district = serializers.IntegerField(source="district.lgd_code", read_only=True, allow_null=True)

    class Meta:
        model = Institute
        fields = [
            "id",
            "short_name",
            "name_en",
            "name_hi",
            "city",
            "district",
            "website",
            "updated_at",
        ]


class MoUSerializer(ModelSerializer):
    class Meta:
        model = MoU
        fields = [
            "id",
            "institute",
            "title_en",
            "title_hi",
            "signed_on",
            "valid_from",
            "valid_until",
            "target_people",
            "cost_per_participant",
            "budget",
            "updated_at",
        ]


class ProgrammeSerializer(ModelSerializer):
    institute = serializers.IntegerField(source="mou.institute_id", read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "mou",
            "institute",
            "title_en",
            "title_hi",
            "days",
            "eligible_designations",
            "default_district_quota",
            "updated_at",
        ]


class BatchSerializer(ModelSerializer):
    class Meta:
        model = Batch
        fields = [
            "id",
            "programme",
            "number",
            "venue",
            "start_date",
            "end_date",
            "capacity",
            "status",
            "published",
            "reporting_time",
            "updated_at",
        ]


class SessionSerializer(ModelSerializer):
    class Meta:
        model = BatchSession
        fields = [
            "id",
            "batch",
            "module",
            "date",
            "starts_at",
            "minutes",
            "title_en",
            "title_hi",
            "method",
            "trainer",
            "resource_person",
        ]


class NominationSerializer(ModelSerializer):
    district = serializers.IntegerField(source="district.lgd_code", read_only=True)

    class Meta:
        model = Nomination
        fields = [
            "id",
            "programme",
            "batch",
            "person",
            "district",
            "designation",
            "status",
            "seat",
            "previously_trained",
            "updated_at",
        ]


class NominationCreateSerializer(StrictSerializer):
    person = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    batch = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    programme = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    unavailable_weeks = serializers.ListField(
        child=serializers.DateField(), required=False, max_length=60
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("batch") and not attrs.get("programme"):
            raise serializers.ValidationError(
                {"batch": [serializers.Field.default_error_messages["required"]]}
            )
        return attrs


class MarkSerializer(ModelSerializer):
    class Meta:
        model = Mark
        fields = [
            "id",
            "session",
            "nomination",
            "status",
            "arrived_at",
            "left_at",
            "method",
            "marked_at",
            "client_id",
            "updated_at",
        ]


class MarkWriteSerializer(StrictSerializer):
    """One mark, as the phones' offline queue sends it: `client_id` makes it idempotent."""

    client_id = serializers.CharField(max_length=64)
    session = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    nomination = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    status = serializers.ChoiceField(choices=MarkStatus.choices)
    method = serializers.CharField(max_length=8, required=False, allow_blank=True)
    marked_at = serializers.DateTimeField(required=False)
    arrived_at = LocalTimeField(required=False)
    left_at = LocalTimeField(required=False)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class MarkBatchSerializer(StrictSerializer):
    marks = MarkWriteSerializer(many=True, max_length=500, min_length=1)


class MarkResultSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    client_id = serializers.CharField()
    ok = serializers.BooleanField()
    duplicate = serializers.BooleanField(required=False)
    applied = serializers.BooleanField(required=False)
    status = serializers.CharField(required=False)
    error = serializers.CharField(required=False)


class MarkResultsSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    results = MarkResultSerializer(many=True)


class ScoreSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    id = serializers.IntegerField()
    nomination = serializers.IntegerField(source="nomination_id")
    batch = serializers.IntegerField(source="assessment.batch_id")
    kind = serializers.CharField(source="assessment.kind")
    score = serializers.FloatField(allow_null=True)
    max_score = serializers.FloatField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class CertificateSerializer(ModelSerializer):
    district = serializers.IntegerField(source="district.lgd_code", read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "nomination",
            "person",
            "batch",
            "programme",
            "institute",
            "district",
            "name_hi",
            "name_en",
            "designation",
            "hours",
            "status",
            "issued_at",
            "revoked_at",
        ]


class FeedbackItemFigures(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    item = serializers.IntegerField()
    text_hi = serializers.CharField()
    text_en = serializers.CharField()
    mean = serializers.FloatField()
    counts = serializers.ListField(
        child=serializers.IntegerField(), help_text="answers per face, 1 to 5"
    )


class FeedbackFiguresSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    batch = serializers.IntegerField()
    programme = serializers.IntegerField()
    responses = serializers.IntegerField()
    enough = serializers.BooleanField(help_text="false: too few answers to show figures")
    items = FeedbackItemFigures(many=True)


class DashboardSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    total = serializers.DictField(child=serializers.IntegerField())
    by_district = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="LGD code → figures",
    )
    by_programme = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="programme id → figures",
    )


# --- Follow-up: a plan's status, and the report's counts -------------------------------------


class StageStatusSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    stage = serializers.IntegerField(help_text="Days after the batch's last day: 30, 90 or 180")
    status = serializers.CharField(
        allow_null=True, help_text="What this stage's check-in said; null when not answered"
    )


class CommitmentStatusSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    order = serializers.IntegerField()
    theme = serializers.CharField(help_text="LSDG theme")
    module = serializers.IntegerField(
        allow_null=True, help_text="The programme's module it draws on; null when none named"
    )
    what = serializers.CharField(allow_blank=True)
    for_whom = serializers.CharField(allow_blank=True)
    by_when = serializers.DateField()
    status = serializers.CharField(help_text="The latest check-in's answer, or planned")
    stages = StageStatusSerializer(many=True)


class PlanStageSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    stage = serializers.IntegerField()
    due_on = serializers.DateField()
    overdue_on = serializers.DateField()
    closes_on = serializers.DateField()
    state = serializers.ChoiceField(choices=STAGE_STATES)
    answered_at = serializers.DateTimeField(allow_null=True)
    channel = serializers.CharField(
        allow_null=True, help_text="link or phone; null if not answered"
    )


class PlanStatusSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    id = serializers.IntegerField()
    nomination = serializers.IntegerField()
    person = serializers.IntegerField()
    district = serializers.IntegerField(allow_null=True, help_text="District LGD code")
    programme = serializers.IntegerField()
    batch = serializers.IntegerField()
    batch_end = serializers.DateField()
    assisted = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    stages = PlanStageSerializer(many=True)
    commitments = CommitmentStatusSerializer(many=True)


class FollowupReportSerializer(serializers.Serializer):  # type: ignore[misc]  # DRF ships no types
    totals = serializers.DictField(child=serializers.IntegerField(), help_text="status → count")
    by_theme = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="LSDG theme → status → count (and total)",
    )
    by_module = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text='Module id (or "none" where no module was named) → status → count (and total)',
    )
    by_district = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        help_text="LGD code → status → count (and total)",
    )


class IndicatorValueSerializer(ModelSerializer):
    round_code = serializers.CharField(source="round.code", read_only=True)
    measured_on = serializers.DateField(source="round.measured_on", read_only=True)
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    gram_panchayat = serializers.IntegerField(
        source="gram_panchayat.lgd_code", read_only=True, help_text="Gram panchayat LGD code"
    )
    district = serializers.IntegerField(
        source="gram_panchayat.district.lgd_code", read_only=True, help_text="District LGD code"
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "round",
            "round_code",
            "measured_on",
            "indicator",
            "gram_panchayat",
            "district",
            "value",
            "grade",
        ]
