"""/api/v1/: every list starts from the app's own `<things>_for_user` selector called with the
token's owner, so a token sees exactly what its owner sees on the pages; writes call the
apps' services (the registry import's cleaning, the offline queue's mark path, nominating)."""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from sashakt.api import serializers as s
from sashakt.api.base import ApiViewMixin, idempotent
from sashakt.api.problems import Problem
from sashakt.assessments.selectors import attempts_for_user
from sashakt.attendance import services as attendance_services
from sashakt.attendance.forms import QueuedMarkForm
from sashakt.attendance.selectors import marks_for_user, sessions_for_user
from sashakt.attendance.views import MARK_ROLES
from sashakt.certificates.selectors import certificates_for_user
from sashakt.core.permissions import get_scoped_or_404, has_role
from sashakt.feedback.selectors import batch_summary
from sashakt.feedback.selectors import batches_for_user as feedback_batches_for_user
from sashakt.followup import selectors as followup_selectors
from sashakt.followup.indicators import indicator_values_for_user
from sashakt.followup.models import ActionPlan, Stage
from sashakt.followup.views import REPORT_ROLES as FOLLOWUP_REPORT_ROLES
from sashakt.geography.models import District
from sashakt.nominations.models import Nomination
from sashakt.nominations.selectors import nominations_for_user
from sashakt.nominations.services import nomination_create
from sashakt.people.by_hand import person_add, person_correct
from sashakt.people.cleaning import CellError, clean_mobile
from sashakt.people.models import Person
from sashakt.people.rules import may_add_people, may_edit_person
from sashakt.people.selectors import people_for_user
from sashakt.programmes.models import Batch
from sashakt.programmes.selectors import (
    batches_for_user,
    institutes_for_user,
    mous_for_user,
    programmes_for_user,
)
from sashakt.reports.dashboards import figures, measures
from sashakt.reports.dashboards.views import DASHBOARD_ROLES, figures_cached

MAX_ID = 2**63 - 1
FILTER_HELP = {
    "district": (OpenApiTypes.INT, "District LGD code"),
    "programme": (OpenApiTypes.INT, "Programme id"),
    "batch": (OpenApiTypes.INT, "Batch id"),
    "changed_since": (OpenApiTypes.DATETIME, "Only records changed at or after this moment"),
    "round": (OpenApiTypes.INT, "Indicator round id"),
    "gram_panchayat": (OpenApiTypes.INT, "Gram panchayat LGD code"),
}


def _filter_parameters(names: Iterable[str]) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=help_)
        for name in names
        for type_, help_ in [FILTER_HELP[name]]
    ]


def _typed_id(request: Any, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not raw.isdigit() or not 0 < int(raw) <= MAX_ID:
        raise Problem(
            "invalid",
            _("%(name)s must be a whole number.") % {"name": name},
            errors={name: [_("Enter a whole number.")]},
        )
    return int(raw)


def _moment(request: Any, name: str) -> datetime.datetime | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise Problem(
            "invalid",
            _("%(name)s must be a date and time (ISO 8601).") % {"name": name},
            errors={name: [_("Enter a date and time.")]},
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class ReadViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]  # DRF ships no types
    """A resource's list (cursor pages, filters) and one record by id."""

    resource = ""
    lookup_value_regex = "[0-9]{1,18}"
    # filter name → field path; "changed_since" → the field (or fields) of the last change
    filter_paths: dict[str, str | tuple[str, ...]] = {}

    def visible(self, user: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        rows = self.visible(self.request.user)
        if self.action != "list":
            return rows
        for name, path in self.filter_paths.items():
            if name == "changed_since":
                since = _moment(self.request, name)
                if since is not None:
                    paths = path if isinstance(path, tuple) else (path,)
                    condition = Q()
                    for one in paths:
                        condition |= Q(**{f"{one}__gte": since})
                    rows = rows.filter(condition)
            elif (value := _typed_id(self.request, name)) is not None:
                assert isinstance(path, str)  # one field for an id filter
                rows = rows.filter(**{path: value})
        return rows

    def get_object(self) -> Model:
        # The same helper every page uses: 404 for what the owner may not see.
        return get_scoped_or_404(self.request.user, self.get_queryset(), self.kwargs["pk"])


def _read(
    resource: str,
    serializer: type,
    visible: Callable[[Any], QuerySet[Any]],
    filters: Iterable[str] = (),
) -> type[ReadViewSet]:
    """A read-only viewset class for `resource` over the selector `visible(user)`."""

    @extend_schema_view(
        list=extend_schema(parameters=_filter_parameters(filters), tags=[resource]),
        retrieve=extend_schema(tags=[resource]),
    )
    class View(ReadViewSet):
        pass

    View.resource = resource
    View.serializer_class = serializer
    View.visible = lambda self, user: visible(user)  # type: ignore[method-assign]
    View.__name__ = View.__qualname__ = f"{resource.title()}ViewSet"
    return View


InstituteViewSet = _read(
    "institutes", s.InstituteSerializer, institutes_for_user, ["district", "changed_since"]
)
MoUViewSet = _read("mous", s.MoUSerializer, mous_for_user, ["changed_since"])
ProgrammeViewSet = _read(
    "programmes", s.ProgrammeSerializer, programmes_for_user, ["changed_since"]
)
BatchViewSet = _read("batches", s.BatchSerializer, batches_for_user, ["programme", "changed_since"])
SessionViewSet = _read("sessions", s.SessionSerializer, sessions_for_user, ["programme", "batch"])
CertificateViewSet = _read(
    "certificates",
    s.CertificateSerializer,
    certificates_for_user,
    ["district", "programme", "batch", "changed_since"],
)


def _scores_visible(user: Any) -> QuerySet[Any]:
    return attempts_for_user(user).filter(submitted_at__isnull=False).select_related("assessment")


ScoreViewSet = _read(
    "scores",
    s.ScoreSerializer,
    _scores_visible,
    ["district", "programme", "batch", "changed_since"],
)

InstituteViewSet.filter_paths = {"district": "district__lgd_code", "changed_since": "updated_at"}
MoUViewSet.filter_paths = {"changed_since": "updated_at"}
ProgrammeViewSet.filter_paths = {"changed_since": "updated_at"}
BatchViewSet.filter_paths = {"programme": "programme_id", "changed_since": "updated_at"}
SessionViewSet.filter_paths = {"programme": "batch__programme_id", "batch": "batch_id"}
CertificateViewSet.filter_paths = {
    "district": "district__lgd_code",
    "programme": "programme_id",
    "batch": "batch_id",
    "changed_since": ("issued_at", "revoked_at"),
}
ScoreViewSet.filter_paths = {
    "district": "nomination__district__lgd_code",
    "programme": "assessment__batch__programme_id",
    "batch": "assessment__batch_id",
    "changed_since": "updated_at",
}


# --- People: read, and upsert by mobile ------------------------------------------------------

# The registry import's columns a system may send (people.by_hand takes them by these names).
PERSON_CELLS = (
    "name",
    "name_alt",
    "mobile",
    "gender",
    "designation",
    "category",
    "email",
    "term_start",
    "date_of_birth",
    "block",
    "gram_panchayat",
)
EDITABLE_CELLS = ("designation", "block", "gram_panchayat", "category")


@extend_schema_view(
    list=extend_schema(
        parameters=_filter_parameters(["district", "changed_since"]), tags=["people"]
    ),
    retrieve=extend_schema(tags=["people"]),
)
class PersonViewSet(ReadViewSet):
    resource = "people"
    serializer_class = s.PersonSerializer
    filter_paths = {"district": "district__lgd_code", "changed_since": "updated_at"}

    def visible(self, user: Any) -> QuerySet[Any]:
        return people_for_user(user)

    @extend_schema(
        request=s.PersonUpsertSerializer,
        responses={200: s.PersonUpsertResultSerializer, 201: s.PersonUpsertResultSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
        tags=["people"],
        description=(
            "Add a person by mobile, or correct the designation, block, gram panchayat or "
            "category of the person who has it. Cleaned and checked for duplicates by the "
            "registry import's own rules."
        ),
    )
    @action(detail=False, methods=["post"], url_path="upsert")  # type: ignore[untyped-decorator]
    def upsert(self, request: Any) -> HttpResponse:
        body = s.PersonUpsertSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return idempotent(request, lambda: self._upsert(request, body.validated_data))

    def _upsert(self, request: Any, data: dict[str, Any]) -> Response:
        owner = request.user
        if not may_add_people(owner):
            raise PermissionDenied
        try:
            mobile = clean_mobile(data["mobile"])
        except CellError as error:
            raise Problem("invalid", str(error), errors={"mobile": [str(error)]}) from None
        cells = {name: data.get(name, "") for name in PERSON_CELLS}
        cells["mobile"] = mobile
        person = Person.objects.filter(mobile=mobile).first()
        if person is None or not may_edit_person(owner, person):
            # New, or someone the owner may not edit: person_add refuses the latter as the
            # form does (and tells the state cell).
            district = None
            if data.get("district"):
                district = District.objects.filter(lgd_code=data["district"]).first()
                if district is None:
                    raise Problem(
                        "invalid",
                        _("No district has this LGD code."),
                        errors={"district": [_("No district has this LGD code.")]},
                    )
            result = person_add(user=owner, cells=cells, district=district)
            return self._answer(request, result.person, result.notes, created=True, changed=True)
        changes = {name: cells[name] for name in EDITABLE_CELLS if name in data}
        if not changes:
            return self._answer(request, person, [], created=False, changed=False)
        reason = (data.get("reason") or "").strip() or _("Sent by %(system)s through the API.") % {
            "system": request.auth.name
        }
        try:
            result = person_correct(user=owner, person=person, changes=changes, reason=reason)
        except ValidationError as error:
            if error.messages == [_("Nothing was changed.")]:
                return self._answer(request, person, [], created=False, changed=False)
            raise
        return self._answer(request, result.person, result.notes, created=False, changed=True)

    def _answer(
        self, request: Any, person: Person, notes: list[Any], *, created: bool, changed: bool
    ) -> Response:
        person = people_for_user(request.user).get(pk=person.pk)
        body = {
            "created": created,
            "changed": changed,
            "notes": [str(note) for note in notes],
            "person": s.PersonSerializer(person, context={"request": request}).data,
        }
        return Response(body, status=201 if created else 200)


# --- Nominations: read, and nominate ---------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=_filter_parameters(["district", "programme", "batch", "changed_since"]),
        tags=["nominations"],
    ),
    retrieve=extend_schema(tags=["nominations"]),
)
class NominationViewSet(mixins.CreateModelMixin, ReadViewSet):  # type: ignore[misc]  # DRF ships no types
    resource = "nominations"
    serializer_class = s.NominationSerializer
    filter_paths = {
        "district": "district__lgd_code",
        "programme": "programme_id",
        "batch": "batch_id",
        "changed_since": "updated_at",
    }

    def visible(self, user: Any) -> QuerySet[Any]:
        return nominations_for_user(user)

    @extend_schema(
        request=s.NominationCreateSerializer,
        responses={201: s.NominationSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
        tags=["nominations"],
        description="Nominate a person of the token owner's district for a batch or a programme.",
    )
    def create(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        body = s.NominationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return idempotent(request, lambda: self._nominate(request, body.validated_data))

    def _nominate(self, request: Any, data: dict[str, Any]) -> Response:
        owner = request.user
        person = people_for_user(owner).filter(pk=data["person"]).first()
        if person is None:
            raise Problem("not-found")
        batch = programme = None
        if data.get("batch"):
            batch = batches_for_user(owner).filter(pk=data["batch"]).first()
            if batch is None:
                raise Problem("not-found")
        else:
            programme = programmes_for_user(owner).filter(pk=data["programme"]).first()
            if programme is None:
                raise Problem("not-found")
        nomination = nomination_create(
            user=owner,
            person=person,
            batch=batch,
            programme=programme,
            unavailable_weeks=data.get("unavailable_weeks") or [],
        )
        nomination = Nomination.objects.select_related("district").get(pk=nomination.pk)
        return Response(s.NominationSerializer(nomination).data, status=201)


# --- Attendance marks: read, and record as the offline queue does ----------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=_filter_parameters(["district", "programme", "batch", "changed_since"]),
        tags=["marks"],
    ),
    retrieve=extend_schema(tags=["marks"]),
)
class MarkViewSet(mixins.CreateModelMixin, ReadViewSet):  # type: ignore[misc]  # DRF ships no types
    resource = "marks"
    serializer_class = s.MarkSerializer
    filter_paths = {
        "district": "nomination__district__lgd_code",
        "programme": "session__batch__programme_id",
        "batch": "session__batch_id",
        "changed_since": "updated_at",
    }

    def visible(self, user: Any) -> QuerySet[Any]:
        return marks_for_user(user)

    @extend_schema(
        request=s.MarkBatchSerializer,
        responses={200: s.MarkResultsSerializer},
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)],
        tags=["marks"],
        description=(
            "Record marks (e.g. from a biometric device) as the phones' offline queue does: "
            "each mark is idempotent by its client_id and gets its own result."
        ),
    )
    def create(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        body = s.MarkBatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if not has_role(request.user, *MARK_ROLES):
            raise PermissionDenied
        return idempotent(request, lambda: self._record(request))

    def _record(self, request: Any) -> Response:
        owner = request.user
        sessions = sessions_for_user(owner)
        results = []
        for item in request.data["marks"]:
            form = QueuedMarkForm(item)  # the queue's own cleaning of one mark
            client_id = str(item["client_id"])
            if not form.is_valid():
                results.append({"client_id": client_id, "ok": False, "error": _("Not found.")})
                continue
            mark = form.cleaned_data
            session = sessions.filter(pk=mark["session"]).first()
            nomination = Nomination.objects.filter(pk=mark["nomination"]).first()
            if session is None or nomination is None:
                results.append({"client_id": client_id, "ok": False, "error": _("Not found.")})
                continue
            try:
                result = attendance_services.mark_record(
                    user=owner,
                    session=session,
                    nomination=nomination,
                    status=mark["status"],
                    method=mark["method"],
                    client_id=client_id,
                    marked_at=mark["marked_at"],
                    arrived_at=mark["arrived_at"],
                    left_at=mark["left_at"],
                    reason=mark["reason"],
                )
            except attendance_services.AttendanceError as error:
                results.append({"client_id": client_id, "ok": False, "error": error.message})
                continue
            results.append(
                {
                    "client_id": client_id,
                    "ok": True,
                    "duplicate": result.duplicate,
                    "applied": result.applied,
                    "status": result.mark.status if result.mark else "",
                }
            )
        return Response({"results": results})


# --- Feedback figures: per batch, never one person's answers ---------------------------------


@extend_schema_view(
    list=extend_schema(parameters=_filter_parameters(["programme", "batch"]), tags=["feedback"]),
    retrieve=extend_schema(tags=["feedback"]),
)
class FeedbackViewSet(ReadViewSet):
    """A batch's feedback as figures (means and answers per face) once enough people
    answered; never a person's answers nor the free comments (feedback is anonymous)."""

    resource = "feedback"
    serializer_class = s.FeedbackFiguresSerializer
    filter_paths = {"programme": "programme_id", "batch": "pk"}

    def visible(self, user: Any) -> QuerySet[Any]:
        return feedback_batches_for_user(user)

    def get_serializer(self, instance: Any = None, *args: Any, **kwargs: Any) -> Any:
        many = kwargs.get("many", False)
        if instance is None:  # the OpenAPI document asks for the shape only
            return s.FeedbackFiguresSerializer(many=many)
        batches = instance if many else [instance]
        data = [self._figures(batch) for batch in batches]
        return s.FeedbackFiguresSerializer(data if many else data[0], many=many)

    @staticmethod
    def _figures(batch: Batch) -> dict[str, Any]:
        summary, _sessions = batch_summary(batch)
        return {
            "batch": batch.pk,
            "programme": batch.programme_id,
            "responses": summary.n,
            "enough": summary.enough,
            "items": [
                {
                    "item": row.item.pk,
                    "text_hi": row.item.text_hi,
                    "text_en": row.item.text_en,
                    "mean": round(row.mean, 2),
                    "counts": row.counts,
                }
                for row in summary.items
            ],
        }


# --- Follow-up: each plan's status, and the report's counts ---------------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=_filter_parameters(["district", "programme", "batch", "changed_since"]),
        tags=["followup"],
    ),
    retrieve=extend_schema(tags=["followup"]),
)
class PlanViewSet(ReadViewSet):
    """Action plans as the follow-up pages show them to the token's owner
    (`followup.selectors.plans_for_user`): each commitment's theme, words, latest status and
    the status each check-in (30, 90, 180 days) gave it, and where each stage stands today.
    Never the voice notes, photos or the check-ins' comments."""

    resource = "followup"
    serializer_class = s.PlanStatusSerializer
    filter_paths = {
        "district": "nomination__district__lgd_code",
        "programme": "nomination__programme_id",
        "batch": "nomination__batch_id",
        # A check-in adds a row and never touches the plan: either counts as a change.
        "changed_since": ("updated_at", "checkins__updated_at"),
    }

    def visible(self, user: Any) -> QuerySet[Any]:
        return followup_selectors.plans_with_status_for_user(user)

    def get_queryset(self) -> QuerySet[Any]:
        # The join on check-ins may repeat a plan: once each.
        return super().get_queryset().distinct()

    def get_serializer(self, instance: Any = None, *args: Any, **kwargs: Any) -> Any:
        many = kwargs.get("many", False)
        if instance is None:  # the OpenAPI document asks for the shape only
            return s.PlanStatusSerializer(many=many)
        today = timezone.localdate()
        plans = instance if many else [instance]
        data = [self._status(plan, today) for plan in plans]
        return s.PlanStatusSerializer(data if many else data[0], many=many)

    @staticmethod
    def _status(plan: ActionPlan, today: datetime.date) -> dict[str, Any]:
        nomination = plan.nomination
        stages = sorted(Stage.values)
        commitments = []
        for commitment in plan.commitments.all():
            said = {answer.checkin.stage: answer.status for answer in commitment.answers.all()}
            commitments.append(
                {
                    "order": commitment.order,
                    "theme": commitment.theme,
                    "module": commitment.module_id,
                    "what": commitment.what,
                    "for_whom": commitment.for_whom,
                    "by_when": commitment.by_when,
                    "status": commitment.status,
                    "stages": [{"stage": stage, "status": said.get(stage)} for stage in stages],
                }
            )
        return {
            "id": plan.pk,
            "nomination": nomination.pk,
            "person": nomination.person_id,
            "district": nomination.district.lgd_code if nomination.district else None,
            "programme": nomination.programme_id,
            "batch": nomination.batch_id,
            "batch_end": plan.batch_end,
            "assisted": plan.assisted,
            "created_at": plan.created_at,
            "updated_at": plan.updated_at,
            "stages": [
                {
                    "stage": state.stage,
                    "due_on": state.due_on,
                    "overdue_on": state.overdue_on,
                    "closes_on": state.closes_on,
                    "state": state.state,
                    "answered_at": state.checkin.created_at if state.checkin else None,
                    "channel": state.checkin.channel if state.checkin else None,
                }
                for state in followup_selectors.plan_stage_states(plan, today=today)
            ],
            "commitments": commitments,
        }


# Per-GP outcome figures, to those the outcome report shows them to (state cell, district
# officers). Values carry no change time: an import rewrites them in bulk.
IndicatorValueViewSet = _read(
    "followup",
    s.IndicatorValueSerializer,
    indicator_values_for_user,
    ["district", "round", "gram_panchayat"],
)
IndicatorValueViewSet.__name__ = IndicatorValueViewSet.__qualname__ = "IndicatorValueViewSet"
IndicatorValueViewSet.filter_paths = {
    "district": "gram_panchayat__district__lgd_code",
    "round": "round_id",
    "gram_panchayat": "gram_panchayat__lgd_code",
}


class FollowupReportView(ApiViewMixin):
    """The follow-up report's figures: commitments per status in total, by LSDG theme, by
    module (its id, or "none") and by district LGD code, from the same selectors as the
    report page, in the owner's scope."""

    resource = "followup"

    @extend_schema(
        parameters=_filter_parameters(["district", "programme", "batch"]),
        responses={200: s.FollowupReportSerializer},
        tags=["followup"],
    )
    def get(self, request: Any) -> Response:
        owner = request.user
        if not has_role(owner, *FOLLOWUP_REPORT_ROLES):
            raise PermissionDenied
        within = followup_selectors.Within(
            district_lgd=_typed_id(request, "district"),
            programme=_typed_id(request, "programme"),
            batch=_typed_id(request, "batch"),
        )

        def table(dimension: str) -> dict[Any, dict[str, int]]:
            return {
                row.key: {**row.counts, "total": row.total}
                for row in followup_selectors.commitment_counts(owner, dimension, within)
            }

        lgd_codes = dict(District.objects.values_list("pk", "lgd_code"))
        return Response(
            {
                "totals": followup_selectors.theme_totals(owner, within),
                "by_theme": {str(key): row for key, row in table("theme").items()},
                "by_module": {str(key): row for key, row in table("module").items()},
                "by_district": {
                    str(lgd_codes.get(key, key)): row for key, row in table("district").items()
                },
            }
        )


# --- The dashboard's figures -------------------------------------------------------------


class DashboardView(ApiViewMixin):
    """The dashboards' nomination funnel (distinct people nominated, approved, confirmed,
    completed, and the later columns), in total, by district and by programme: the same
    selector and cache as the pages."""

    resource = "dashboard"

    @extend_schema(
        parameters=_filter_parameters(["district", "programme", "batch"]),
        responses={200: s.DashboardSerializer},
        tags=["dashboard"],
    )
    def get(self, request: Any) -> Response:
        owner = request.user
        if not has_role(owner, *DASHBOARD_ROLES):
            raise PermissionDenied
        query = {}
        for name in ("programme", "batch"):
            if (value := _typed_id(request, name)) is not None:
                query[name] = str(value)
        if (lgd := _typed_id(request, "district")) is not None:
            district = District.objects.filter(lgd_code=lgd).first()
            query["district"] = str(district.pk if district else MAX_ID)
        filters = measures.Filters.from_query(query)

        def compute() -> dict[str, Any]:
            counts = figures.funnel_counts_by(owner, filters, [None, "district", "programme"])
            lgd_codes = dict(District.objects.values_list("pk", "lgd_code"))
            return {
                "total": counts[None],
                "by_district": {
                    str(lgd_codes.get(key, key)): values
                    for key, values in counts["district"].items()
                },
                "by_programme": {str(key): values for key, values in counts["programme"].items()},
            }

        return Response(figures_cached(owner, "api", compute, filters))


@extend_schema(exclude=True)
class NotFoundView(ApiViewMixin):
    """Any other address under /api/v1/: a problem, not the site's HTML 404 page."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []
    throttle_classes: list[type] = []

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        raise Problem("not-found")
