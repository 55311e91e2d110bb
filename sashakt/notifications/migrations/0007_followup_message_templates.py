"""The follow-up's messages (issue 26): the check-in SMS's first wording, and the weekly
digest's new figure (follow-up calls overdue).

Re-runnable: the check-in text is stored only when missing; the digest's text is replaced only
where it is still the first wording (a text the state cell edited is kept). Texts are copied
here, not imported from the catalogue.
"""

from django.db import migrations

CHECKIN = (
    "{name} जी, प्रशिक्षण के {days} दिन हुए। अपनी कार्य योजना का हाल बताएँ: {link}",
    "Dear {name}, it is {days} days since your {programme} training. Tell us how your action "
    "plan is going: {link}",
)
DIGEST_BEFORE = (
    "सशक्त, {district}: आरजीएसए अभिमुखीकरण बाकी {overdue}, सीट उत्तर बाकी {unanswered}, "
    "स्थान समीक्षा बाकी {reviews}। देखें: {link}",
    "Sashakt, {district}: RGSA orientation overdue {overdue}, seats unanswered {unanswered}, "
    "place reviews waiting {reviews}. See: {link}",
)
DIGEST_AFTER = (
    "सशक्त, {district}: आरजीएसए अभिमुखीकरण बाकी {overdue}, सीट उत्तर बाकी {unanswered}, "
    "स्थान समीक्षा बाकी {reviews}, फ़ॉलो-अप कॉल बाकी {followups}। देखें: {link}",
    "Sashakt, {district}: RGSA orientation overdue {overdue}, seats unanswered {unanswered}, "
    "place reviews waiting {reviews}, follow-up calls overdue {followups}. See: {link}",
)


def seed(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    if not MessageTemplate.objects.filter(event="checkin-due").exists():
        MessageTemplate.objects.create(event="checkin-due", text_hi=CHECKIN[0], text_en=CHECKIN[1])
    MessageTemplate.objects.filter(
        event="weekly-digest", text_hi=DIGEST_BEFORE[0], text_en=DIGEST_BEFORE[1]
    ).update(text_hi=DIGEST_AFTER[0], text_en=DIGEST_AFTER[1])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0006_message_sender_id")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
