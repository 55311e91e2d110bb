"""Background jobs of the participant registry."""

import io

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook

from sashakt.core.jobs import JobContext, job_function
from sashakt.people.selectors import people_search

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Neutralise spreadsheet formula injection: a cell starting with = + - @ is text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@job_function("people.export")
def people_export(
    ctx: JobContext, *, user_id: int, query: str = "", district_id=None, designation: str = ""
) -> dict:
    user = get_user_model().objects.get(pk=user_id)
    people = people_search(user, query=query, district_id=district_id, designation=designation)
    total = people.count()
    with override(user.language or "hi"):
        ctx.progress(0, total, _("Writing rows"))
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Registry"))
        sheet.append(
            [
                _("Name"),
                _("Name in the other script"),
                _("Gender"),
                _("Mobile"),
                _("Designation"),
                _("District"),
                _("District LGD code"),
                _("Block"),
                _("Block LGD code"),
            ]
        )
        for done, person in enumerate(people.iterator(chunk_size=2000), start=1):
            sheet.append(
                [
                    spreadsheet_safe(person.name),
                    spreadsheet_safe(person.name_alt),
                    person.get_gender_display(),
                    person.mobile,
                    person.get_designation_display(),
                    person.district.name,
                    person.district.lgd_code,
                    person.block.name if person.block else "",
                    person.block.lgd_code if person.block else "",
                ]
            )
            if done % 1000 == 0:
                ctx.progress(done, total, _("Writing rows"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    ctx.save_output(f"sashakt-registry-{stamp}.xlsx", buffer.getvalue())
    return {"rows": total}
