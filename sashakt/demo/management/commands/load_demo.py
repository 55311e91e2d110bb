from django.core.management.base import BaseCommand, CommandError

from sashakt.demo.services import ACCOUNTS, DEMO_PASSWORD, PARTICIPANT_USERNAME, demo_load


class Command(BaseCommand):
    help = "Load the demo pilot (institutes, demo accounts, fictional people). Safe to rerun."

    def handle(self, *args, **options):
        try:
            result = demo_load()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        usernames = ", ".join([a.username for a in ACCOUNTS] + [PARTICIPANT_USERNAME])
        self.stdout.write(
            f"demo: {result.institutes} institutes, {result.people} people, "
            f"{result.accounts} accounts created, {result.nominations} nominations in the pilot; "
            f"accounts {usernames} "
            f"(password {DEMO_PASSWORD})"
        )
