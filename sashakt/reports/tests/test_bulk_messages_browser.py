"""Browser test at 360 px: a district officer writes to a batch's seated people, sees the
counts and a real recipient's message, confirms, and follows the job's progress bar."""

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.notifications.models import Message, OptOut
from sashakt.reports.models import BulkMessage
from sashakt.test import batch_make, person_make, personas_make, programme_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_officer_sends_to_a_batch_preview_confirm_progress(
    browser, live_server, settings
):
    settings.JOBS_BACKEND = "inprocess"
    settings.NOTIFICATIONS_CHANNEL = "console"
    personas = personas_make()
    batch = batch_make(programme_make(personas.iitk_institute), capacity=10)
    people = [
        personas.kanpur_person,
        person_make(name="बिना मोबाइल", name_alt="", mobile=None),
        person_make(name="संदेश नहीं", name_alt="", mobile="9839000777"),
        personas.lucknow_person,  # another district's: never counted for Kanpur's officer
    ]
    OptOut.objects.create(mobile="9839000777")
    for person in people:
        officer = (
            personas.dpro_lucknow if person is personas.lucknow_person else personas.dpro_kanpur
        )
        nomination = nomination_create(user=officer, person=person, batch=batch)
        nomination = nomination_approve(user=personas.state, nomination=nomination)
        nomination_confirm(user=personas.state, nomination=nomination)
    Message.objects.all().delete()
    TEST_OUTPUT.mkdir(exist_ok=True)

    page = browser.new_page(viewport=PHONE)
    browser_sign_in(page, live_server.url, "dpro-kanpur")
    assert page.locator("nav a[href='/bulk-messages/']").count() == 1  # in the menu
    page.goto(live_server.url + "/bulk-messages/")
    page.click("[data-testid=bulk-new]")
    page.check("input[name=audience][value=batch]")
    page.select_option("select[name=batch]", str(batch.pk))
    page.fill("textarea[name=text_hi]", "{name} जी, कल सुबह 10 बजे बैठक है। प्रश्न: {phone}")
    page.fill("textarea[name=text_en]", "Dear {name}, meeting tomorrow at 10. Questions: {phone}")
    page.wait_for_selector("[data-testid=segments-hi]")
    page.click("[data-testid=bulk-preview]")

    page.wait_for_selector("[data-testid=bulk-counts]")
    assert page.inner_text("[data-testid=count-people]") == "3"
    assert page.inner_text("[data-testid=count-no-mobile]") == "1"
    assert page.inner_text("[data-testid=count-opted-out]") == "1"
    preview = page.inner_text("[data-testid=bulk-preview-text]")
    assert preview.startswith("राम कुमार जी, कल सुबह 10 बजे बैठक है।")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=TEST_OUTPUT / "bulk-message-confirm-hi-phone.png", full_page=True)
    assert not BulkMessage.objects.exists()  # nothing before the confirmation

    page.click("[data-testid=bulk-confirm]")
    page.wait_for_selector("[role=progressbar]")  # the job's page, or its result after it
    page.wait_for_selector("[data-testid=bulk-result], #job-status[data-status=succeeded]")
    if page.locator("[data-testid=job-next]").count():
        page.click("[data-testid=job-next]")
    page.wait_for_selector("[data-testid=bulk-result]")
    assert page.inner_text("[data-testid=result-queued]") == "1"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=TEST_OUTPUT / "bulk-message-done-hi-phone.png", full_page=True)
    assert Message.objects.filter(purpose_key__startswith="bulk-message:").count() == 2
