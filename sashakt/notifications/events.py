"""The catalogue of events Sashakt tells people about, declared as data.

Each event has a key (the first part of its messages' purpose keys: "seat-offered:812"),
a label, who receives it, the placeholders its text may use and whether it is essential.
Essential messages (sign-in codes, seat offers, changes to a batch someone travels to) go to
a number that opted out of messages and go at night; the others wait for 08:00 IST and are
not sent to an opted-out number.

Each placeholder has a sample value (for the editor's preview) and the longest value it
plausibly takes: a template is refused when, with every placeholder at that length, it would
need more than three SMS parts. The lengths assume the caller fills an English text with
Latin values and a Hindi text with Devanagari ones (a Devanagari name in an English text
makes the whole SMS Unicode).

A bulk message (`bulk-message`) has no fixed text: its writer types it on the bulk page,
checked like a template; its stored template gives the page's first draft and the DLT ids.

The default texts below are what the data migration first stores; the state cell edits the
stored ones (`MessageTemplate`), and a missing row falls back to these.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Placeholder:
    key: str
    label: Promise
    sample_hi: str
    sample_en: str
    max_length: int

    def sample(self, language: str) -> str:
        return self.sample_en if language == "en" else self.sample_hi


PLACEHOLDERS: dict[str, Placeholder] = {
    p.key: p
    for p in [
        Placeholder("name", _("Person's name"), "सुनीता देवी", "Sunita Devi", 40),
        Placeholder(
            "programme",
            _("Programme title"),
            "ग्राम पंचायत विकास योजना",
            "Gram Panchayat Development Plan",
            80,
        ),
        Placeholder("batch", _("Batch code"), "IITK-2027-014", "IITK-2027-014", 20),
        Placeholder("start", _("First day"), "12/01/2027", "12/01/2027", 12),
        Placeholder("end", _("Last day"), "16/01/2027", "16/01/2027", 12),
        Placeholder("answer_by", _("Answer by"), "05/01/2027", "05/01/2027", 12),
        Placeholder("time", _("Reporting time"), "09:30", "09:30", 8),
        Placeholder(
            "venue", _("Venue"), "आईआईटी कानपुर, आउटरीच भवन", "IIT Kanpur, Outreach Centre", 80
        ),
        Placeholder(
            "link", _("Link"), "https://sk.up.gov.in/s/Ab3x9Q", "https://sk.up.gov.in/s/Ab3x9Q", 30
        ),
        Placeholder(
            "map_link",
            _("Map link"),
            "https://maps.app.goo.gl/x7Yq2",
            "https://maps.app.goo.gl/x7Yq2",
            30,
        ),
        # A landline-shaped sample: never mistaken for a person's mobile on a page.
        Placeholder("phone", _("Phone to call"), "0522223344", "0522223344", 10),
        Placeholder("reason", _("Reason"), "पद पर नहीं हैं", "No longer in office", 60),
        Placeholder("code", _("Sign-in code"), "482913", "482913", 6),
        Placeholder("minutes", _("Minutes the code works"), "15", "15", 3),
        Placeholder("number", _("Certificate number"), "IITK/2027/0001", "IITK/2027/0001", 24),
        Placeholder("district", _("District"), "कानपुर नगर", "Kanpur Nagar", 30),
        Placeholder("count", _("Number of people"), "12", "12", 5),
        Placeholder("overdue", _("People overdue for RGSA orientation"), "34", "34", 5),
        Placeholder("unanswered", _("Seats not yet answered"), "6", "6", 5),
        Placeholder("reviews", _("Place reviews waiting"), "3", "3", 5),
        Placeholder("days", _("Days since the training"), "90", "90", 3),
        Placeholder("followups", _("Follow-up calls overdue"), "4", "4", 5),
    ]
}


@dataclass(frozen=True)
class Event:
    key: str
    label: Promise
    recipients: Promise
    placeholders: tuple[str, ...]
    essential: bool
    default_hi: str
    default_en: str
    # Placeholders the text must keep (a sign-in code without its code is no message).
    required: tuple[str, ...] = ()
    # The text is a secret (a one-time code): the outbox hides it outside the embedded mode.
    secret: bool = False


EVENTS: dict[str, Event] = {
    e.key: e
    for e in [
        Event(
            "otp",
            _("Sign-in code"),
            _("The person signing in"),
            ("code", "minutes"),
            True,
            "सशक्त: आपका साइन इन कोड {code} है। यह {minutes} मिनट तक चलेगा। इसे किसी को न बताएँ।",
            "Sashakt: your sign-in code is {code}. It works for {minutes} minutes. "
            "Do not tell it to anyone.",
            required=("code",),
            secret=True,
        ),
        Event(
            "import-clash",
            _("Import: people registered in another district"),
            _("The state programme cell"),
            ("district", "count"),
            True,
            "सशक्त: {district} के आयात में {count} पंक्तियों का मोबाइल किसी दूसरे जनपद के "
            "व्यक्ति का है। आयात देखें।",
            "Sashakt: an import in {district} has {count} rows whose mobile belongs to a person "
            "of another district. Please check the import.",
        ),
        Event(
            "nominated",
            _("Nominated"),
            _("The person nominated"),
            ("name", "programme", "start", "end", "phone"),
            False,
            "{name} जी, {programme} ({start} से) हेतु आपका नामांकन हुआ है। सीट मिलने पर SMS आएगा।",
            "Dear {name}, you are nominated for the {programme} training ({start} to {end}). "
            "We will send an SMS when a seat is offered. Questions: {phone}",
        ),
        Event(
            "seat-offered",
            _("Seat offered"),
            _("The person offered a seat"),
            ("name", "programme", "batch", "start", "end", "venue", "answer_by", "link", "phone"),
            True,
            "बैच {batch} ({start} से, {venue}) में आपकी सीट है। {answer_by} तक हाँ/ना कहें: {link}",
            "Dear {name}, you have a seat in batch {batch} of {programme}, {start} to {end} at "
            "{venue}. Please answer yes or no by {answer_by}: {link}",
            required=("link",),
        ),
        Event(
            "waitlisted",
            _("Waitlisted"),
            _("The person put on the waiting list"),
            ("name", "programme", "batch", "phone"),
            False,
            "{name} जी, {programme} में अभी सीट नहीं, आप प्रतीक्षा सूची में हैं। सीट खाली होते ही SMS आएगा।",
            "Dear {name}, the {programme} training is full for now: you are on the waiting "
            "list. We will send an SMS as soon as a seat frees up. Questions: {phone}",
        ),
        Event(
            "promoted",
            _("Promoted from the waiting list"),
            _("The person given a seat from the waiting list"),
            ("name", "programme", "batch", "start", "venue", "answer_by", "link"),
            True,
            "सीट मिली: बैच {batch} ({start} से, {venue})। {answer_by} तक हाँ/ना कहें: {link}",
            "Dear {name}, a seat freed up: you now have a seat in batch {batch} of {programme} "
            "from {start} at {venue}. Please answer by {answer_by}: {link}",
            required=("link",),
        ),
        Event(
            "nomination-rejected",
            _("Nomination rejected"),
            _("The district officer who nominated"),
            ("name", "programme", "batch", "reason"),
            True,
            "सशक्त: {name} ({batch}) का नामांकन अस्वीकार हुआ। कारण: {reason}",
            "Sashakt: the nomination of {name} for {programme} was rejected. Reason: {reason}",
        ),
        Event(
            "batch-moved",
            _("Batch moved"),
            _("Everyone seated in the batch and their district officers"),
            ("batch", "start", "end", "venue", "phone"),
            True,
            "सूचना: बैच {batch} की तिथि बदली है। अब {start} से {end} तक, {venue} में। प्रश्न: {phone}",
            "Notice: batch {batch} has new dates: {start} to {end} at {venue}. Questions: {phone}",
        ),
        Event(
            "venue-changed",
            _("Venue changed"),
            _("Everyone seated in the batch and their district officers"),
            ("batch", "start", "venue", "map_link", "phone"),
            True,
            "बैच {batch} ({start} से) का स्थान बदला। नया स्थान: {venue} {map_link} फ़ोन: {phone}",
            "Notice: batch {batch} (from {start}) moves to a new venue: {venue} {map_link} "
            "Questions: {phone}",
        ),
        Event(
            "batch-cancelled",
            _("Batch cancelled"),
            _("Everyone seated in the batch and their district officers"),
            ("batch", "start", "reason", "phone"),
            True,
            "सूचना: बैच {batch} ({start} से) निरस्त है। कारण: {reason}। आपकी सीट खाली कर दी "
            "गई है। प्रश्न: {phone}",
            "Notice: batch {batch} (from {start}) is cancelled: {reason}. Your seat is "
            "released; your district officer will tell you about another batch. "
            "Questions: {phone}",
        ),
        Event(
            "reminder-3-days",
            _("Reminder 3 days before"),
            _("Everyone seated in the batch"),
            ("name", "batch", "start", "time", "venue", "map_link", "link", "phone"),
            False,
            "याद रखें: प्रशिक्षण {start} को {time} बजे, {venue}। विवरण: {link} फ़ोन: {phone}",
            "Reminder: your training starts on {start}, report at {time} at {venue} "
            "{map_link} What to bring: {link} Questions: {phone}",
        ),
        Event(
            "reminder-1-day",
            _("Reminder 1 day before"),
            _("Everyone seated in the batch"),
            ("name", "batch", "start", "time", "venue", "map_link", "link", "phone"),
            False,
            "कल {time} बजे प्रशिक्षण: {venue} {map_link} विवरण {link} फ़ोन {phone}",
            "Tomorrow, {start}: report at {time} at {venue} {map_link} "
            "What to bring: {link} Questions: {phone}",
        ),
        Event(
            "pre-test-open",
            _("Pre-test open"),
            _("Everyone seated in the batch"),
            ("name", "batch", "programme", "link"),
            False,
            "{name} जी, {programme} की प्रारंभिक परीक्षा खुल गई है। यहाँ दें: {link}",
            "Dear {name}, the pre-test of {programme} is open. Take it here: {link}",
        ),
        Event(
            "post-test-open",
            _("Post-test and feedback open"),
            _("Everyone who attended the batch"),
            ("name", "batch", "programme", "link"),
            False,
            "{name} जी, {programme} की अंतिम परीक्षा व फ़ीडबैक खुले हैं: {link}",
            "Dear {name}, the post-test and feedback of {programme} are open. "
            "Take them here: {link}",
        ),
        Event(
            "certificate-ready",
            _("Certificate ready"),
            _("The person who completed the training"),
            ("name", "number", "link"),
            False,
            "आपका प्रशिक्षण प्रमाण-पत्र {number} तैयार है। जाँचें: {link}",
            "Your training certificate {number} is ready. Check it: {link}",
        ),
        Event(
            "seat-unanswered",
            _("Seat still unanswered"),
            _("The district officer, 2 days before the answer-by date"),
            ("name", "batch", "answer_by", "phone"),
            False,
            "सशक्त: {name} ने बैच {batch} की सीट का उत्तर नहीं दिया (अंतिम तिथि {answer_by})। "
            "फ़ोन करें: {phone}",
            "Sashakt: {name} has not answered the seat in batch {batch} (answer by "
            "{answer_by}). Please call: {phone}",
        ),
        Event(
            "weekly-digest",
            _("Weekly digest"),
            _("Each district officer, once a week"),
            ("district", "overdue", "unanswered", "reviews", "followups", "link"),
            False,
            "सशक्त, {district}: आरजीएसए अभिमुखीकरण बाकी {overdue}, सीट उत्तर बाकी "
            "{unanswered}, स्थान समीक्षा बाकी {reviews}, फ़ॉलो-अप कॉल बाकी {followups}। देखें: {link}",
            "Sashakt, {district}: RGSA orientation overdue {overdue}, seats unanswered "
            "{unanswered}, place reviews waiting {reviews}, follow-up calls overdue "
            "{followups}. See: {link}",
        ),
        Event(
            "checkin-due",
            _("Action plan check-in (30, 90, 180 days)"),
            _("Each person with an action plan, 30, 90 and 180 days after their batch"),
            ("name", "programme", "days", "link"),
            False,
            "{name} जी, प्रशिक्षण के {days} दिन हुए। अपनी कार्य योजना का हाल बताएँ: {link}",
            "Dear {name}, it is {days} days since your {programme} training. Tell us how "
            "your action plan is going: {link}",
            required=("link",),
        ),
        Event(
            "bulk-message",
            _("Bulk message"),
            _("The people a state cell or district officer writes to"),
            ("name", "district", "phone"),
            False,
            "{name} जी, पंचायती राज विभाग, {district} की सूचना: ... प्रश्न: {phone}",
            "Dear {name}, a notice from the Panchayati Raj Department, {district}: ... "
            "Questions: {phone}",
        ),
    ]
}


def event_get(key: str) -> Event | None:
    return EVENTS.get(key)


def purpose_event(purpose_key: str) -> Event | None:
    """The event a purpose key belongs to ("seat-offered:812" -> seat-offered), if any."""
    return EVENTS.get(purpose_key.split(":", 1)[0])


def purpose_is_essential(purpose_key: str) -> bool:
    """Whether a message goes to an opted-out number and at night. A purpose outside the
    catalogue (an older caller's) counts as essential: it is sent as it always was."""
    event = purpose_event(purpose_key)
    return event is None or event.essential
