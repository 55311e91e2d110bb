"""`manage.py backup` and `manage.py restore`: the demo (with its certificates issued) backed
up and restored into a fresh database — a new SQLite file, or a PostgreSQL database made by
the test and dropped after — holds every person, mark and certificate, and the certificates
still verify; a restore into a database that is not empty is refused, nothing changed."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sashakt.attendance.models import Mark
from sashakt.certificates.models import Certificate
from sashakt.certificates.services import certificates_issue_for_batch
from sashakt.conftest import require_or_skip
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, BatchStatus
from sashakt.test import ensure_geography

# What the restored database holds, read by a process of its own on that database.
READ_BACK = """
import json
import shutil
from sashakt.attendance.models import Mark
from sashakt.certificates.models import Certificate
from sashakt.certificates.selectors import certificate_verify
from sashakt.people.models import Person
print(json.dumps({
    "people": sorted([p.pk, p.name, p.mobile] for p in Person.objects.all()),
    "marks": sorted(Mark.objects.values_list("pk", "status")),
    "certificates": sorted(
        [c.number, c.name_hi, certificate_verify(c.number).outcome]
        for c in Certificate.objects.all()
    ),
}))
"""


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def _fresh_database(tmp_path: Path):
    """A URL of a new, empty database of this suite's engine, and how to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    require_or_skip(bool(os.environ.get("DATABASE_URL")), "no PostgreSQL server configured")
    db = connection.settings_dict
    name = f"sashakt_restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    return url, drop


def _expected() -> dict:
    from sashakt.certificates.selectors import certificate_verify  # noqa: PLC0415

    return {
        "people": sorted([p.pk, p.name, p.mobile] for p in Person.objects.all()),
        "marks": sorted(list(row) for row in Mark.objects.values_list("pk", "status")),
        "certificates": sorted(
            [c.number, c.name_hi, certificate_verify(c.number).outcome]
            for c in Certificate.objects.all()
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_the_demo_backed_up_restores_into_a_fresh_database(tmp_path):
    if connection.vendor == "postgresql":
        require_or_skip(bool(shutil.which("pg_dump") and shutil.which("pg_restore")), "no pg_dump")
    # A transactional test that ran before this one on the same process emptied the database.
    ensure_geography()
    call_command("load_demo")
    state = get_user_model().objects.get(username="state.cell")
    for batch in Batch.objects.filter(status=BatchStatus.COMPLETED):
        certificates_issue_for_batch(user=state, batch=batch)
    logo = Path(settings.MEDIA_ROOT) / "certificates" / "logos" / "iitk.svg"
    logo.parent.mkdir(parents=True, exist_ok=True)
    logo.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    expected = _expected()
    assert expected["people"] and expected["marks"] and expected["certificates"]

    call_command("backup", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("sashakt-backup-*.tar")

    url, drop = _fresh_database(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SASHAKT_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    try:
        restored = _manage("restore", str(archive), env=env)
        assert restored.returncode == 0, restored.stderr
        read = _manage("shell", "-c", READ_BACK, env=env)
        assert read.returncode == 0, read.stderr
        found = json.loads(read.stdout.strip().splitlines()[-1])
        # A second restore into the now-full database is refused, and changes nothing.
        again = _manage("restore", str(archive), env=env)
        assert again.returncode != 0 and "not empty" in again.stderr
    finally:
        drop()
    assert found == expected
    assert {outcome for _number, _name, outcome in found["certificates"]} == {"valid"}
    copy = tmp_path / "restored-media" / "certificates" / "logos" / "iitk.svg"
    assert copy.read_text() == logo.read_text()


@pytest.mark.django_db(transaction=True)  # a backup runs in autocommit, as from cron
def test_a_restore_into_a_database_that_is_not_empty_is_refused(tmp_path, personas):
    call_command("backup", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("sashakt-backup-*.tar")
    people = list(Person.objects.values_list("pk", "name"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    assert list(Person.objects.values_list("pk", "name")) == people


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_before_anything_is_read_in(tmp_path, personas):
    call_command("backup", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("sashakt-backup-*.tar")
    data = bytearray(archive.read_bytes())
    data[-20000] ^= 0xFF  # a flipped byte inside the database copy
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="checksum|readable|unexpected"):
        call_command("restore", str(archive))
