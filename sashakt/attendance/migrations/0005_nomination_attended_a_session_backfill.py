"""Set every nomination's `attended_a_session` from its marks (present, late or left early at
one session or more). Re-runnable: only the nominations whose flag is wrong are written."""

from django.db import migrations
from django.db.models import Exists, OuterRef

ATTENDED_STATUSES = ("present", "late", "left_early")


def flag_from_marks(apps, schema_editor):
    Nomination = apps.get_model("nominations", "Nomination")
    Mark = apps.get_model("attendance", "Mark")
    attended = Exists(
        Mark.objects.filter(nomination=OuterRef("pk"), status__in=ATTENDED_STATUSES)
    )
    Nomination.objects.filter(attended_a_session=False).filter(attended).update(
        attended_a_session=True
    )
    Nomination.objects.filter(attended_a_session=True).exclude(attended).update(
        attended_a_session=False
    )


class Migration(migrations.Migration):

    dependencies = [
        ("attendance", "0004_completion_field_names"),
        ("nominations", "0006_nomination_attended_a_session"),
    ]

    operations = [
        migrations.RunPython(flag_from_marks, migrations.RunPython.noop, elidable=True),
    ]
