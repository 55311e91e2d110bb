"""The first draft of the bulk message (the bulk page starts from it), stored so the state
cell can edit it and give it its DLT ids. Re-runnable: a stored row is kept. The text is
copied here, not imported (see 0003)."""

from django.db import migrations

HINDI = "{name} जी, पंचायती राज विभाग, {district} की सूचना: ... प्रश्न: {phone}"
ENGLISH = (
    "Dear {name}, a notice from the Panchayati Raj Department, {district}: ... "
    "Questions: {phone}"
)


def seed(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    if not MessageTemplate.objects.filter(event="bulk-message").exists():
        MessageTemplate.objects.create(event="bulk-message", text_hi=HINDI, text_en=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0006_message_sender_id")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
