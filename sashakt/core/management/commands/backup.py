from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sashakt.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump --format=custom; SQLite: its online backup "
        "API) and the private files (MEDIA_ROOT) into one archive in DIRECTORY, "
        "sashakt-backup-<time>.tar, with a manifest of checksums. Safe while the site runs. "
        "Restore with `manage.py restore <archive>` into an empty database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: object, directory: Path, **options: object) -> None:
        try:
            result = backup_create(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backup: {result.path} ({result.size} bytes, {result.files} files)")
