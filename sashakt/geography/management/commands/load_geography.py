from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sashakt.geography.gram_panchayats import lgd_pri_export_load, up_geography_load
from sashakt.geography.services import geography_load


class Command(BaseCommand):
    help = (
        "Load Uttar Pradesh's districts, blocks (Hindi names) and 57,695 gram panchayats "
        "(LGD) shipped with Sashakt; skipped when the shipped files have not changed. With "
        "--gram-panchayats FILE, read gram panchayats from LGD's 'PRI Local Body of a State' "
        "export (.csv, .xls, .xlsx) as downloaded instead, for updates."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gram-panchayats", type=Path, metavar="FILE")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="load the valid GP rows, report the rest"
        )
        parser.add_argument(
            "--force", action="store_true", help="reload the shipped files even if unchanged"
        )

    def handle(self, *args, gram_panchayats=None, skip_invalid=False, force=False, **options):
        if gram_panchayats is not None:
            # An update from LGD's export: districts and blocks as shipped, GPs from the file.
            geo = geography_load()
            self.stdout.write(f"districts: {geo.districts}; blocks: {geo.blocks}")
            self._export_load(gram_panchayats, skip_invalid)
            return
        shipped = up_geography_load(force=force)
        if shipped.skipped:
            self.stdout.write(
                f"UP geography unchanged (shipped files sha256 {shipped.sha256[:12]}); skipped"
            )
        else:
            geo, gps = shipped.geography, shipped.gram_panchayats
            self.stdout.write(
                f"districts: {geo.districts}; blocks: {geo.blocks}; aliases: {geo.aliases}; "
                f"gram panchayats: {gps.counts}"
            )

    def _export_load(self, gram_panchayats: Path, skip_invalid: bool) -> None:
        if not gram_panchayats.is_file():
            raise CommandError(f"no such file: {gram_panchayats}")
        gp = lgd_pri_export_load(gram_panchayats, skip_invalid=skip_invalid)
        for error in gp.errors[:50]:
            self.stderr.write(error)
        if len(gp.errors) > 50:
            self.stderr.write(f"... and {len(gp.errors) - 50} more problems")
        if gp.header_problem:
            raise CommandError(f"nothing was loaded: {gp.errors[0]}")
        if not gp.written:
            raise CommandError(
                f"{len(gp.errors)} problem(s); nothing was loaded "
                "(use --skip-invalid to load the valid rows)"
            )
        self.stdout.write(
            f"gram panchayats: {gp.counts}; {gp.blocks_linked} blocks newly linked to their "
            f"Intermediate Panchayat; {gp.skipped_other_rows} rows of other local-body types "
            f"passed over; {len(gp.errors)} invalid"
        )
