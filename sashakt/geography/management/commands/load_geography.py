from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sashakt.geography.services import geography_load, gram_panchayats_load


class Command(BaseCommand):
    help = (
        "Load Uttar Pradesh's districts and blocks (LGD codes, Hindi district names, aliases, "
        "centroids). Safe to run again. With --gram-panchayats FILE, also load LGD's gram "
        "panchayat export (CSV)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gram-panchayats", type=Path, metavar="FILE")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="load the valid GP rows, report the rest"
        )

    def handle(self, *args, gram_panchayats=None, skip_invalid=False, **options):
        result = geography_load()
        self.stdout.write(
            f"districts: {result.districts}; blocks: {result.blocks}; aliases: {result.aliases}"
        )
        if gram_panchayats is None:
            return
        if not gram_panchayats.is_file():
            raise CommandError(f"no such file: {gram_panchayats}")
        gp = gram_panchayats_load(gram_panchayats, skip_invalid=skip_invalid)
        for error in gp.errors[:50]:
            self.stderr.write(error)
        if len(gp.errors) > 50:
            self.stderr.write(f"... and {len(gp.errors) - 50} more problems")
        if not gp.written:
            raise CommandError(
                f"{len(gp.errors)} problem(s); nothing was loaded "
                "(use --skip-invalid to load the valid rows)"
            )
        self.stdout.write(
            f"gram panchayats: {gp.counts}; {gp.skipped_other_rows} rows of other states or "
            f"types passed over; {len(gp.errors)} invalid"
        )
