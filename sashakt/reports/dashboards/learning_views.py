"""The learning and reaction page (scores, feedback, attendance rate) and its table exports.
Views only check role and scope (the selectors count within the user's scope) and lay out."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sashakt.core.permissions import role_required
from sashakt.core.roles import Role
from sashakt.core.spreadsheets import table_bytes
from sashakt.core.text import typed_id
from sashakt.programmes.models import Programme
from sashakt.programmes.selectors import programmes_for_user
from sashakt.reports.dashboards.learning import LEARNING_TABLES, learning_table, learning_tables
from sashakt.reports.dashboards.views import figures_cached

LEARNING_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.TRAINER)
# The page shows a table's latest rows (batches statewide run to hundreds); the download has
# them all.
TABLE_ROWS = 40


def _programme(request) -> Programme | None:
    """The programme the page is narrowed to (?programme=), if the user may see it."""
    pk = typed_id(request.GET.get("programme"))
    if pk is None:
        return None
    user = request.user
    if user.role == Role.TRAINER:
        visible = Programme.objects.filter(batches__sessions__trainer=user).distinct()
    else:
        visible = programmes_for_user(user)
    programme = visible.filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


@role_required(*LEARNING_ROLES)
def learning(request):
    programme = _programme(request)
    # One batch more than is shown tells the page whether to point to the download.
    tables = figures_cached(
        request.user,
        f"learning:{programme.pk if programme else ''}",
        lambda: learning_tables(
            request.user, programme=programme.pk if programme else None, latest=TABLE_ROWS + 1
        ),
    )
    for table in tables:
        table.shown = table.rows[-TABLE_ROWS:]
    return render(
        request,
        "reports/learning.html",
        {
            "tables": tables,
            "programme": programme,
            "query": f"?programme={programme.pk}" if programme else "",
            "table_rows": TABLE_ROWS,
        },
    )


@role_required(*LEARNING_ROLES)
def learning_export(request, table: str, suffix: str):
    """One table of the learning page as .xlsx or .csv, with the user's scope applied."""
    if table not in LEARNING_TABLES or suffix not in ("xlsx", "csv"):
        raise Http404
    programme = _programme(request)
    found = learning_table(request.user, table, programme=programme.pk if programme else None)
    content = table_bytes(f".{suffix}", found.headers, found.plain_rows(), sheet_title=found.title)
    response = HttpResponse(
        content,
        content_type="text/csv; charset=utf-8"
        if suffix == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="sashakt-{table}-{stamp}.{suffix}"'
    return response
