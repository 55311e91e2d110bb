"""Dashboards: the state cell's, a district's, an institute's; the people behind a number;
table exports. Views only check role and scope and call the selectors."""

from contextlib import contextmanager

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.models import Job
from sashakt.core.permissions import role_required
from sashakt.core.roles import Role
from sashakt.core.spreadsheets import table_bytes
from sashakt.geography.models import District
from sashakt.programmes.models import Institute
from sashakt.programmes.selectors import mous_for_user
from sashakt.reports.dashboards import drilldown, figures, measures
from sashakt.reports.dashboards.charts import bar_chart
from sashakt.reports.dashboards.exports import EXPORTABLE, export_table
from sashakt.reports.dashboards.map import legend, map_districts, map_geometry
from sashakt.reports.dashboards.monthly import month_bounds, previous_month
from sashakt.reports.dashboards.rgsa import coverage_total, orientation_overdue, rgsa_coverage
from sashakt.reports.jobs import MONTHLY_KIND, monthly_report_jobs

DASHBOARD_ROLES = (Role.STATE, Role.DISTRICT, Role.INSTITUTE)
# A page shows a table's biggest rows (a district has thousands of batches statewide); the
# download has them all.
TABLE_ROWS = 40


def figures_cached(user, name: str, compute, filters: measures.Filters | None = None):
    """Figures are cached per scope and language for DASHBOARD_CACHE_SECONDS: the statewide
    GROUP BYs run once per interval, not once per page view."""
    trainer = user.pk if user.role == Role.TRAINER else ""  # a trainer sees their own sessions
    scope = f"{user.role}:{user.district_id or ''}:{user.institute_id or ''}:{trainer}"
    extra = filters.cache_key() if filters else ""
    key = f"dash:v1:{name}:{scope}:{get_language()}:{extra}"
    value = cache.get(key)
    if value is None:
        with analytic_session():
            value = compute()
        cache.set(key, value, settings.DASHBOARD_CACHE_SECONDS)
    return value


@contextmanager
def analytic_session():
    """On PostgreSQL, the dashboard's GROUP BYs run with room to hash in memory and without
    JIT compilation (which cost ~1.5 s per statement on the statewide benchmark and saves
    nothing on queries this size). SET LOCAL ends with the transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL work_mem = '128MB'")
        yield


def _people_url(measure: str, query: dict) -> str:
    return reverse("reports:dashboard_people") + "?" + urlencode({"measure": measure, **query})


def _funnel_chart(counts: dict, query: dict):
    return bar_chart(
        [
            (m.label, counts.get(m.key, 0), f"m-{m.key}", _people_url(m.key, query))
            for m in measures.MEASURES
        ]
    )


def _district_url(district: District) -> str:
    return reverse("reports:dashboard_district", args=[district.lgd_code])


@role_required(*DASHBOARD_ROLES)
def dashboard(request):
    user = request.user
    if user.role == Role.DISTRICT:
        return redirect("reports:dashboard_district", user.district.lgd_code)
    if user.role == Role.INSTITUTE:
        return redirect("reports:dashboard_institute", user.institute_id)
    filters = measures.Filters.from_query(request.GET)

    def compute():
        coverage = figures.district_coverage(user)
        rgsa = rgsa_coverage(user)
        tables = ("institute", "programme", "designation", "gender", "category")
        # The MoU targets count without the page's filters: from the same statement only
        # when there are none.
        unfiltered = not filters.as_query()
        counts = figures.funnel_counts_by(
            user, filters, [None, *tables, "district", *(["mou"] if unfiltered else [])]
        )
        total = counts[None]
        return {
            "total": total,
            "targets": figures.mou_targets(
                user, list(mous_for_user(user)), counts=counts.get("mou")
            ),
            "tables": {
                name: figures.funnel_table(user, name, filters, counts=counts[name])
                for name in tables
            },
            "districts": figures.funnel_table(user, "district", filters, counts=counts["district"]),
            "shares": figures.reservation_shares(
                user,
                filters,
                total=total,
                by_gender=counts["gender"],
                by_category=counts["category"],
            ),
            "coverage": sorted(coverage, key=lambda r: (-r.percent, r.district.name)),
            "rgsa_total": coverage_total(rgsa),
        }

    data = figures_cached(user, "state", compute, filters)
    return render(
        request,
        "reports/dashboard_state.html",
        {
            **data,
            "measures": measures.columns(),
            "dimensions": measures.DIMENSIONS,
            "chart": _funnel_chart(data["total"], filters.as_query()),
            "map": map_geometry(),
            "map_districts": map_districts(data["coverage"], _district_url),
            "legend": legend(),
            "filters": filters,
            "monthly_reports": monthly_report_list(),
            "report_months": ended_months(timezone.localdate()),
            "may_make_report": user.role == Role.STATE,
        },
    )


def ended_months(today, count: int = 24) -> list[str]:
    """The months a report can be made of: those that have ended, the latest first."""
    months, month = [], previous_month(today)
    for _index in range(count):
        months.append(month)
        month = previous_month(month_bounds(month)[0])
    return months


@require_POST
@role_required(Role.STATE)
def monthly_report_make(request):
    """The state cell makes a month's report from the dashboard (both files, in the
    background; the Jobs page and the dashboard list them)."""
    month = request.POST.get("month", "")
    if month not in ended_months(timezone.localdate()):
        messages.error(request, _("Choose a month that has ended."))
        return redirect("reports:dashboard")
    monthly_report_jobs(user=request.user, month=month)
    messages.success(
        request,
        _(
            "The report of %(month)s is being made, with figures as of its last day; it will be "
            "listed here and on the Jobs page."
        )
        % {"month": month},
    )
    return redirect("reports:dashboard")


def monthly_report_list():
    return Job.objects.filter(kind=MONTHLY_KIND, status=Job.Status.SUCCEEDED).order_by(
        "-created_at"
    )[:6]


@role_required(Role.STATE, Role.DISTRICT)
def district_report(request, lgd_code: int):
    user = request.user
    district = get_object_or_404(District, lgd_code=lgd_code)
    if user.role == Role.DISTRICT and user.district_id != district.pk:
        raise Http404
    filters = measures.Filters(district=district.pk)

    def compute():
        rgsa = [r for r in rgsa_coverage(user) if r.district_id == district.pk]
        coverage = [r for r in figures.district_coverage(user) if r.district.pk == district.pk]
        tables = ("designation", "programme", "batch", "gender", "category")
        counts = figures.funnel_counts_by(user, filters, [None, *tables])
        return {
            "total": counts[None],
            "awaiting": measures.scoped_nominations(user, filters)
            .filter(status=measures.S.NOMINATED)
            .count(),
            "coverage": coverage[0] if coverage else None,
            "rgsa": coverage_total(rgsa),
            "tables": {
                name: figures.funnel_table(
                    user, name, filters, counts=counts[name], limit=TABLE_ROWS
                )
                for name in tables
            },
            "registry": drilldown.registry_by_designation(user, district),
            "place_review": drilldown.place_review_count(user, district),
        }

    data = figures_cached(user, "district", compute, filters)
    return render(
        request,
        "reports/dashboard_district.html",
        {
            **data,
            "district": district,
            "measures": measures.columns(),
            "dimensions": measures.DIMENSIONS,
            "chart": _funnel_chart(data["total"], filters.as_query()),
            "filters": filters,
            "overdue_url": _people_url("overdue", {"district": district.pk}),
        },
    )


@role_required(Role.STATE, Role.INSTITUTE)
def institute_report(request, pk: int):
    user = request.user

    institute = get_object_or_404(Institute, pk=pk)
    if user.role == Role.INSTITUTE and user.institute_id != institute.pk:
        raise Http404
    filters = measures.Filters(institute=institute.pk)

    def compute():
        tables = ("programme", "batch", "district", "designation")
        counts = figures.funnel_counts_by(user, filters, [None, *tables])
        return {
            "total": counts[None],
            "tables": {
                name: figures.funnel_table(
                    user, name, filters, counts=counts[name], limit=TABLE_ROWS
                )
                for name in tables
            },
        }

    data = figures_cached(user, "institute", compute, filters)
    return render(
        request,
        "reports/dashboard_institute.html",
        {
            **data,
            "institute": institute,
            "measures": measures.columns(),
            "dimensions": measures.DIMENSIONS,
            "chart": _funnel_chart(data["total"], filters.as_query()),
            "filters": filters,
        },
    )


def _people_for(user, measure: str, filters):
    if measure == "overdue":
        people = orientation_overdue(user)
        if filters.district:
            people = people.filter(district_id=filters.district)
        return people.select_related("district", "block").order_by("name", "pk")
    return drilldown.people_behind(user, measure, filters)


def measure_label(measure: str) -> str:
    labels = {m.key: m.label for m in measures.MEASURES}
    labels.update(
        registry=_("In the registry"),
        trained=_("Trained (completed a batch)"),
        overdue=_("Orientation overdue"),
        place_review=_("Gram panchayat to review"),
        awaiting=_("Awaiting approval"),
    )
    return str(labels.get(measure, ""))


@role_required(*DASHBOARD_ROLES)
def people(request):
    """The people behind a dashboard number, within the user's scope."""
    user = request.user
    measure = request.GET.get("measure", "")
    label = measure_label(measure)
    if not label:
        raise Http404
    filters = measures.Filters.from_query(request.GET)
    found = _people_for(user, measure, filters)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    district = District.objects.filter(pk=filters.district).first() if filters.district else None
    return render(
        request,
        "reports/dashboard_people.html",
        {
            "page": page,
            "measure_label": label,
            "district": district,
            "filters": filters,
            "show_mobile": user.role in (Role.STATE, Role.DISTRICT),
            "export_query": urlencode({"measure": measure, **filters.as_query()}),
        },
    )


@role_required(*DASHBOARD_ROLES)
def export(request, table: str, suffix: str):
    """Any dashboard table as .xlsx or .csv, with the user's scope and filters applied."""
    if table not in EXPORTABLE or suffix not in ("xlsx", "csv"):
        raise Http404
    user = request.user
    filters = measures.Filters.from_query(request.GET)
    if user.role == Role.DISTRICT:
        filters.district = user.district_id
    if table == "people":
        measure = request.GET.get("measure", "")
        if not measure_label(measure):
            raise Http404
        headers, rows = export_table(
            user, table, filters, people=_people_for(user, measure, filters)
        )
    else:
        headers, rows = export_table(user, table, filters)
    content = table_bytes(f".{suffix}", headers, rows, sheet_title=str(EXPORTABLE[table]))
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(
        content,
        content_type="text/csv; charset=utf-8"
        if suffix == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="sashakt-{table}-{stamp}.{suffix}"'
    return response


@role_required(Role.STATE, Role.DISTRICT)
def rgsa(request):
    user = request.user
    rows = figures_cached(user, "rgsa", lambda: rgsa_coverage(user))
    names = District.objects.in_bulk([r.district_id for r in rows])
    return render(
        request,
        "reports/dashboard_rgsa.html",
        {
            "rows": [(names.get(r.district_id), r) for r in rows],
            "total": coverage_total(rows),
        },
    )
