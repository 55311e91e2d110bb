"""The standard feedback items, in Hindi and English (re-runnable: items are matched by code)."""

from django.db import migrations

ITEMS = [
    ("session", 1, "content", "सत्र की विषय-वस्तु कैसी थी?", "How good was the content of the session?"),
    ("session", 2, "trainer", "प्रशिक्षक ने कितना अच्छा समझाया?", "How well did the trainer explain?"),
    ("session", 3, "relevance", "यह आपके पंचायत के काम के लिए कितना उपयोगी है?", "How useful is this for your work in the Panchayat?"),
    ("batch", 1, "content", "पूरे प्रशिक्षण की विषय-वस्तु कैसी थी?", "How good was the content of the whole training?"),
    ("batch", 2, "trainer", "प्रशिक्षक कुल मिलाकर कैसे थे?", "How good were the trainers overall?"),
    ("batch", 3, "relevance", "यह प्रशिक्षण आपके काम के लिए कितना उपयोगी है?", "How useful is this training for your work?"),
    ("batch", 4, "arrangements", "रहने, खाने और आने-जाने की व्यवस्था कैसी थी?", "How were the stay, food and travel arrangements?"),
]


def add_items(apps, schema_editor):
    FeedbackItem = apps.get_model("feedback", "FeedbackItem")
    for applies_to, order, code, text_hi, text_en in ITEMS:
        FeedbackItem.objects.update_or_create(
            code=code,
            applies_to=applies_to,
            defaults={"order": order, "text_hi": text_hi, "text_en": text_en},
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_feedback_items_responses_ratings")]
    operations = [migrations.RunPython(add_items, migrations.RunPython.noop)]
