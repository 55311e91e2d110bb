"""RGSA quarterly progress report: people trained in a quarter by target group, with women,
SC, ST and others counted, computed from the individual records (one GROUP BY).

Quarters are the financial year's: Q1 April-June ... Q4 January-March. A person counts in
the quarter in which the batch they completed ended.
"""

import datetime
import io

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from sashakt.core.permissions import role_required
from sashakt.core.roles import Role
from sashakt.core.text import typed_number
from sashakt.nominations.models import NominationStatus
from sashakt.people.models import Designation as D
from sashakt.people.models import Gender, SocialCategory
from sashakt.reports.dashboards.measures import scoped_nominations

# The national format's target groups: elected representatives by tier, then functionaries.
TARGET_GROUPS = [
    (gettext_lazy("Elected representatives: Zila Panchayat"), [D.ZP_ADHYAKSH, D.ZP_MEMBER]),
    (gettext_lazy("Elected representatives: Kshetra Panchayat"), [D.KP_PRAMUKH, D.BDC_MEMBER]),
    (gettext_lazy("Elected representatives: Gram Panchayat"), [D.PRADHAN, D.WARD_MEMBER]),
    (
        gettext_lazy("Functionaries"),
        [D.AMA, D.DPRO, D.BDO, D.ADO_PANCHAYAT, D.SACHIV, D.OTHER],
    ),
]
COLUMNS = ["total", "women", "sc", "st", "others"]


def quarter_dates(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of quarter 1-4 of the financial year starting in April of `year`."""
    start_month = 4 + 3 * (quarter - 1)
    start_year = year + (start_month - 1) // 12
    start_month = (start_month - 1) % 12 + 1
    start = datetime.date(start_year, start_month, 1)
    end_month = start_month + 3
    end = datetime.date(start_year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    return start, end - datetime.timedelta(days=1)


def current_quarter(today: datetime.date) -> tuple[int, int]:
    year = today.year if today.month >= 4 else today.year - 1
    return year, ((today.month - 4) % 12) // 3 + 1


def qpr_figures(user, year: int, quarter: int) -> list[dict]:
    start, end = quarter_dates(year, quarter)
    counts = {
        row["designation"]: row
        for row in scoped_nominations(user)
        .filter(status=NominationStatus.ATTENDED, batch__end_date__range=(start, end))
        .values("designation")
        .annotate(
            total=Count("person", distinct=True),
            women=Count("person", distinct=True, filter=Q(person__gender=Gender.FEMALE)),
            sc=Count("person", distinct=True, filter=Q(person__social_category=SocialCategory.SC)),
            st=Count("person", distinct=True, filter=Q(person__social_category=SocialCategory.ST)),
        )
        .order_by()
    }
    rows = []
    for label, designations in TARGET_GROUPS:
        row = {"label": str(label)} | dict.fromkeys(COLUMNS, 0)
        for designation in designations:
            found = counts.get(designation, {})
            for column in ("total", "women", "sc", "st"):
                row[column] += found.get(column, 0)
        row["others"] = row["total"] - row["sc"] - row["st"]
        rows.append(row)
    total = {"label": _("Total")} | {c: sum(r[c] for r in rows) for c in COLUMNS}
    return [*rows, total]


def column_labels() -> list[str]:
    return [_("Target group"), _("Trained"), _("Women"), _("SC"), _("ST"), _("Others")]


def qpr_xlsx(user, year: int, quarter: int) -> bytes:
    start, end = quarter_dates(year, quarter)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "QPR"
    sheet.append([_("RGSA quarterly progress report: people trained")])
    sheet["A1"].font = Font(bold=True)
    sheet.append([_("Quarter"), f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"])
    sheet.append([])
    sheet.append(column_labels())
    for row in qpr_figures(user, year, quarter):
        sheet.append([row["label"], *(row[c] for c in COLUMNS)])
    sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _chosen_quarter(query) -> tuple[int, int]:
    """The quarter the address asks for (the current one when it asks for none); a year or
    quarter that is not one ("²", "1e309", 40 digits) is a bad request, not a guess."""
    year, quarter = current_quarter(timezone.localdate())
    raw_year, raw_quarter = query.get("year", ""), query.get("quarter", "")
    if raw_year:
        year = typed_number(raw_year, minimum=2000, maximum=2100)
    if raw_quarter:
        quarter = typed_number(raw_quarter, minimum=1, maximum=4)
    if year is None or quarter is None:
        raise ValueError(raw_year, raw_quarter)
    return year, quarter


@role_required(Role.STATE, Role.DISTRICT)
def qpr_page(request):
    try:
        year, quarter = _chosen_quarter(request.GET)
    except ValueError:
        message = _("The year or quarter in the address is not valid.")
        return render(request, "400.html", {"message": message}, status=400)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            qpr_xlsx(request.user, year, quarter),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"sashakt-qpr-{year}-{year + 1 - 2000:02d}-q{quarter}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    start, end = quarter_dates(year, quarter)
    this_year = current_quarter(timezone.localdate())[0]
    return render(
        request,
        "reports/dashboard_qpr.html",
        {
            "rows": qpr_figures(request.user, year, quarter),
            "columns": column_labels(),
            "year": year,
            "quarter": quarter,
            "start": start,
            "end": end,
            "years": range(this_year - 3, this_year + 1),
        },
    )
