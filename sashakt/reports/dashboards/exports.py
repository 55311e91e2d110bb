"""Dashboard tables as rows for .xlsx/.csv: the same selectors as the pages, same scope."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sashakt.geography.models import District
from sashakt.reports.dashboards import figures, measures
from sashakt.reports.dashboards.rgsa import rgsa_coverage

EXPORTABLE = {
    **{name: dim.label for name, dim in measures.DIMENSIONS.items()},
    "coverage": gettext_lazy("Coverage by district"),
    "rgsa": gettext_lazy("RGSA coverage"),
    "people": gettext_lazy("People"),
}


def export_table(user, table: str, filters, *, people=None) -> tuple[list[str], list[list]]:
    if table in measures.DIMENSIONS:
        headers = [str(measures.DIMENSIONS[table].label)] + [
            str(m.label) for m in measures.columns()
        ]
        rows = [
            [row.label] + [row.counts.get(m.key, 0) for m in measures.columns()]
            for row in figures.funnel_table(user, table, filters)
        ]
        return headers, rows
    if table == "coverage":
        headers = [
            _("District"),
            _("LGD code"),
            _("In the registry"),
            _("Trained"),
            _("Share trained, per cent"),
        ]
        return headers, [
            [r.district.name, r.district.lgd_code, r.people, r.trained, r.percent]
            for r in figures.district_coverage(user)
            if not filters.district or r.district.pk == filters.district
        ]
    if table == "rgsa":
        rows = rgsa_coverage(user)
        names = District.objects.in_bulk([r.district_id for r in rows])
        headers = [
            _("District"),
            _("Orientation due"),
            _("Oriented within 6 months"),
            _("Refresher due"),
            _("Refreshed within 2 years"),
            _("Orientation overdue"),
        ]
        return headers, [
            [
                str(names[r.district_id]),
                r.orientation_due,
                r.oriented,
                r.refresher_due,
                r.refreshed,
                r.overdue,
            ]
            for r in rows
        ]
    headers = [_("Name"), _("Designation"), _("District"), _("Block")]
    show_mobile = user.role in ("state", "district")
    if show_mobile:
        headers.append(_("Mobile"))
    rows = []
    for person in people.iterator(chunk_size=2000):
        row = [
            person.name,
            person.get_designation_display(),
            person.district.name,
            person.block.name if person.block else "",
        ]
        if show_mobile:
            row.append(person.mobile)
        rows.append(row)
    return headers, rows
