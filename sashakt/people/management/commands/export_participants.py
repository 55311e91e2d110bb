from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from sashakt.core.spreadsheets import write_table
from sashakt.geography.models import District
from sashakt.people.reports import people_export_rows
from sashakt.people.selectors import people_search


class Command(BaseCommand):
    help = "Export the registry to .xlsx or .csv, within a user's scope and filters."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--as-user", required=True, help="export what this user may see (username)"
        )
        parser.add_argument("--query", default="")
        parser.add_argument("--district", type=int, help="district LGD code")
        parser.add_argument("--designation", default="")
        parser.add_argument("--language", choices=["hi", "en"], default="en")

    def handle(self, *args, path, as_user, query, district, designation, language, **options):
        if path.suffix.lower() not in {".xlsx", ".csv"}:
            raise CommandError("the path must end in .xlsx or .csv")
        user = get_user_model().objects.filter(username=as_user).first()
        if user is None:
            raise CommandError(f"no user {as_user!r}")

        district_id = None
        if district:
            district_id = (
                District.objects.filter(lgd_code=district).values_list("pk", flat=True).first()
            )
            if district_id is None:
                raise CommandError(f"no district with LGD code {district}")
        people = people_search(user, query=query, district_id=district_id, designation=designation)
        count = people.count()
        with translation.override(language):
            headers, rows = people_export_rows(people)
            write_table(path, headers, rows, sheet_title="Registry")
        self.stdout.write(f"{count} people written to {path}")
