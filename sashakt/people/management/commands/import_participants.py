import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from sashakt.people.importing import Decision, participants_import
from sashakt.people.models import Designation, Gender
from sashakt.people.reports import import_report_bytes, note_summary_lines


class Command(BaseCommand):
    help = (
        "Import participants from .xlsx, .xls or .csv. All or nothing unless --skip-invalid; "
        "exit code 1 when rows are invalid and nothing was written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows and report the rest"
        )
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument(
            "--report", type=Path, help="write the row-by-row report (.xlsx or .csv)"
        )
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument(
            "--duplicates",
            choices=[Decision.SKIP, Decision.MERGE],
            default=Decision.SKIP,
            help="what to do with duplicates of registry people",
        )
        parser.add_argument("--as-user", help="import with this user's scope (username)")
        parser.add_argument(
            "--default-designation",
            choices=Designation.values,
            help="designation of every row, for a file without that column (SEC result sheets)",
        )
        parser.add_argument(
            "--default-gender", choices=Gender.values, help="gender of every row, if no column"
        )
        parser.add_argument(
            "--without-mobile",
            action="store_true",
            help='import people without a mobile (listed as "mobile needed")',
        )
        parser.add_argument("--language", choices=["hi", "en"], default="en")

    def handle(
        self, *args, path, skip_invalid, dry_run, report, duplicates, as_user, language, **options
    ):
        defaults = {
            "designation": options["default_designation"],
            "gender": options["default_gender"],
        }
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        if report and report.suffix.lower() not in {".xlsx", ".csv"}:
            raise CommandError("--report must end in .xlsx or .csv")
        user = None
        if as_user:
            user = get_user_model().objects.filter(username=as_user).first()
            if user is None:
                raise CommandError(f"no user {as_user!r}")
        with translation.override(language):
            result = participants_import(
                path,
                user=user,
                skip_invalid=skip_invalid,
                dry_run=dry_run,
                duplicates=duplicates,
                defaults={k: v for k, v in defaults.items() if v},
                allow_missing_mobile=options["without_mobile"],
            )
            if report:
                report.write_bytes(import_report_bytes(result, report.suffix.lower()))
            if not options["json"]:
                for problem in sorted(result.problems, key=lambda p: p.row)[:50]:
                    hint = f" (did you mean {problem.suggestion}?)" if problem.suggestion else ""
                    self.stderr.write(
                        f"row {problem.row}, {problem.column} "
                        f"{problem.value!r}: {problem.message}{hint}"
                    )
                if len(result.problems) > 50:
                    self.stderr.write(f"... {len(result.problems) - 50} more problems")
        if result.file_error:
            raise CommandError(result.file_error)
        if options["json"]:
            summary = {
                **result.counts(),
                "written": result.written,
                "import_id": result.import_id,
                "dry_run": dry_run,
                "legacy_font_columns": result.legacy_columns,
                "ignored_columns": result.ignored_columns + result.unknown_columns,
            }
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            with translation.override(language):
                self._summary(result, report)
        if result.invalid and not result.written and not dry_run:
            raise SystemExit(1)
        if dry_run and result.invalid:
            raise SystemExit(1)

    def _summary(self, result, report) -> None:
        """The summary line, then one line per kind of note with its count (the full list
        is the report), all in the chosen language."""
        self.stdout.write(result.summary_line())
        if result.legacy_columns:
            self.stdout.write(
                _("Converted from Kruti Dev/DevLys: %(columns)s")
                % {"columns": ", ".join(result.legacy_columns)}
            )
        ignored = result.ignored_columns + result.unknown_columns
        if ignored:
            self.stdout.write(_("Ignored columns: %(columns)s") % {"columns": ", ".join(ignored)})
        lines = note_summary_lines(result.note_counts())
        for label, count in lines:
            self.stdout.write(f"  {count:>7}  {label}")
        if lines and not report:
            self.stdout.write(_("The full list, row by row: add --report FILE.xlsx"))
