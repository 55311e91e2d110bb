from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("nominations", "0005_nomination_person_copies_backfill"),
    ]

    operations = [
        migrations.AddField(
            model_name="nomination",
            name="attended_a_session",
            field=models.BooleanField(default=False, verbose_name="attended a session"),
        ),
    ]
