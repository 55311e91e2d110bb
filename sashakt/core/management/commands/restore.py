from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sashakt.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive made by `manage.py backup` into an EMPTY database (a new "
        "SQLite file, or a PostgreSQL database just made by createdb) and an empty MEDIA_ROOT. "
        "Every checksum is checked first; a damaged archive, another engine's backup or a "
        "database with any table is refused with nothing changed. Do not run migrate first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: object, archive: Path, **options: object) -> None:
        try:
            manifest = backup_restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored: {manifest['engine']} database and {len(manifest['files']) - 1} files "
            f"from the backup of {manifest['created_at']}"
        )
