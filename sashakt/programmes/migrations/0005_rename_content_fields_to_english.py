"""Content people read gets Hindi and English fields; the existing text stays as the English."""

from django.db import migrations, models

RENAMED = [
    ("venue", "name", "name_en"),
    ("venue", "address", "address_en"),
    ("mou", "title", "title_en"),
    ("mou", "focus_areas", "focus_areas_en"),
    ("module", "objectives", "objectives_en"),
    ("templatesession", "title", "title_en"),
    ("batchsession", "title", "title_en"),
]


class Migration(migrations.Migration):
    dependencies = [("programmes", "0004_session_materials_file")]

    operations = [
        *[
            migrations.RenameField(model_name=model, old_name=old, new_name=new)
            for model, old, new in RENAMED
        ],
        migrations.AlterModelOptions(
            name="venue",
            options={
                "ordering": ["institute", "name_en"],
                "verbose_name": "venue",
                "verbose_name_plural": "venues",
            },
        ),
    ]
