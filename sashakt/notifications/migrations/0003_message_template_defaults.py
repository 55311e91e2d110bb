"""The first wording of every event's message, stored so the state cell can edit it.

Re-runnable: an event that already has a row keeps it (the state cell's edits win); only
missing events get these texts. The texts are copied here, not imported, so that later
changes to the catalogue's defaults do not change what this migration did.
"""

from django.db import migrations

DEFAULTS = {
    "otp": (
        "सशक्त: आपका साइन इन कोड {code} है। यह {minutes} मिनट तक चलेगा। इसे किसी को न बताएँ।",
        "Sashakt: your sign-in code is {code}. It works for {minutes} minutes. Do not tell it to anyone.",
    ),
    "import-clash": (
        "सशक्त: {district} के आयात में {count} पंक्तियों का मोबाइल किसी दूसरे जनपद के व्यक्ति का है। आयात देखें।",
        "Sashakt: an import in {district} has {count} rows whose mobile belongs to a person of another district. Please check the import.",
    ),
    "nominated": (
        "{name} जी, {programme} ({start} से) हेतु आपका नामांकन हुआ है। सीट मिलने पर SMS आएगा।",
        "Dear {name}, you are nominated for the {programme} training ({start} to {end}). We will send an SMS when a seat is offered. Questions: {phone}",
    ),
    "seat-offered": (
        "बैच {batch} ({start} से, {venue}) में आपकी सीट है। {answer_by} तक हाँ/ना कहें: {link}",
        "Dear {name}, you have a seat in batch {batch} of {programme}, {start} to {end} at {venue}. Please answer yes or no by {answer_by}: {link}",
    ),
    "waitlisted": (
        "{name} जी, {programme} में अभी सीट नहीं, आप प्रतीक्षा सूची में हैं। सीट खाली होते ही SMS आएगा।",
        "Dear {name}, the {programme} training is full for now: you are on the waiting list. We will send an SMS as soon as a seat frees up. Questions: {phone}",
    ),
    "promoted": (
        "सीट मिली: बैच {batch} ({start} से, {venue})। {answer_by} तक हाँ/ना कहें: {link}",
        "Dear {name}, a seat freed up: you now have a seat in batch {batch} of {programme} from {start} at {venue}. Please answer by {answer_by}: {link}",
    ),
    "nomination-rejected": (
        "सशक्त: {name} ({batch}) का नामांकन अस्वीकार हुआ। कारण: {reason}",
        "Sashakt: the nomination of {name} for {programme} was rejected. Reason: {reason}",
    ),
    "batch-moved": (
        "सूचना: बैच {batch} की तिथि बदली है। अब {start} से {end} तक, {venue} में। प्रश्न: {phone}",
        "Notice: batch {batch} has new dates: {start} to {end} at {venue}. Questions: {phone}",
    ),
    "venue-changed": (
        "बैच {batch} ({start} से) का स्थान बदला। नया स्थान: {venue} {map_link} फ़ोन: {phone}",
        "Notice: batch {batch} (from {start}) moves to a new venue: {venue} {map_link} Questions: {phone}",
    ),
    "batch-cancelled": (
        "सूचना: बैच {batch} ({start} से) निरस्त है। कारण: {reason}। आपकी सीट खाली कर दी गई है। प्रश्न: {phone}",
        "Notice: batch {batch} (from {start}) is cancelled: {reason}. Your seat is released; your district officer will tell you about another batch. Questions: {phone}",
    ),
    "reminder-3-days": (
        "याद रखें: प्रशिक्षण {start} को {time} बजे, {venue}। विवरण: {link} फ़ोन: {phone}",
        "Reminder: your training starts on {start}, report at {time} at {venue} {map_link} What to bring: {link} Questions: {phone}",
    ),
    "reminder-1-day": (
        "कल {time} बजे प्रशिक्षण: {venue} {map_link} विवरण {link} फ़ोन {phone}",
        "Tomorrow, {start}: report at {time} at {venue} {map_link} What to bring: {link} Questions: {phone}",
    ),
    "pre-test-open": (
        "{name} जी, {programme} की प्रारंभिक परीक्षा खुल गई है। यहाँ दें: {link}",
        "Dear {name}, the pre-test of {programme} is open. Take it here: {link}",
    ),
    "post-test-open": (
        "{name} जी, {programme} की अंतिम परीक्षा व फ़ीडबैक खुले हैं: {link}",
        "Dear {name}, the post-test and feedback of {programme} are open. Take them here: {link}",
    ),
    "certificate-ready": (
        "आपका प्रशिक्षण प्रमाण-पत्र {number} तैयार है। जाँचें: {link}",
        "Your training certificate {number} is ready. Check it: {link}",
    ),
    "seat-unanswered": (
        "सशक्त: {name} ने बैच {batch} की सीट का उत्तर नहीं दिया (अंतिम तिथि {answer_by})। फ़ोन करें: {phone}",
        "Sashakt: {name} has not answered the seat in batch {batch} (answer by {answer_by}). Please call: {phone}",
    ),
    "weekly-digest": (
        "सशक्त, {district}: आरजीएसए अभिमुखीकरण बाकी {overdue}, सीट उत्तर बाकी {unanswered}, स्थान समीक्षा बाकी {reviews}। देखें: {link}",
        "Sashakt, {district}: RGSA orientation overdue {overdue}, seats unanswered {unanswered}, place reviews waiting {reviews}. See: {link}",
    ),
}


def seed(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    present = set(MessageTemplate.objects.values_list("event", flat=True))
    MessageTemplate.objects.bulk_create(
        MessageTemplate(event=event, text_hi=hindi, text_en=english)
        for event, (hindi, english) in DEFAULTS.items()
        if event not in present
    )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_message_template")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
