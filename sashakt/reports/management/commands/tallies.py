"""Recount the state dashboard's tallies: what is pending (default), everyone (--rebuild),
or compare them with a count from the records (--check; exit status 1 when they differ)."""

from django.core.management.base import BaseCommand, CommandError

from sashakt.reports.dashboards import tallies, tally_check, tally_triggers


class Command(BaseCommand):
    help = "Recount the dashboard's tallies (pending people; --rebuild: everyone; --check)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="recount everyone")
        parser.add_argument(
            "--check", action="store_true", help="compare with a count from the records"
        )

    def handle(self, *args, rebuild=False, check=False, **options):
        installed = tally_triggers.triggers_install()
        done = tallies.rebuild() if rebuild else tallies.fold()
        self.stdout.write(
            f"triggers {'installed' if installed else 'present'}; {done} people recounted"
        )
        if check:
            differences = tally_check.differences()
            if differences:
                raise CommandError("tallies differ from the records: " + ", ".join(differences))
            self.stdout.write("tallies agree with the records")
