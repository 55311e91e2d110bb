"""Browser test at 360 px: IIT Kanpur's coordinator enters a hostel block and its rooms,
allocates the batch's people and moves one by hand, on a phone."""

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.logistics.models import RoomMove
from sashakt.logistics.tests.rooms_factories import KANPUR_NAGAR, LUCKNOW, bed_of, seated_batch
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"


def _add_room(page, number: str, beds: int, gender: str) -> None:
    form = page.locator("[data-testid=add-room]")
    form.locator("input[name=room-number]").fill(number)
    form.locator("input[name=room-beds]").fill(str(beds))
    form.locator("select[name=room-gender]").select_option(gender)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"[data-testid=room-{number}]")


def test_a_coordinator_allocates_rooms_for_a_batch_on_a_phone(browser, live_server):
    TEST_OUTPUT.mkdir(exist_ok=True)
    personas = personas_make()
    batch, people = seated_batch(
        personas, [("M", KANPUR_NAGAR), ("M", KANPUR_NAGAR), ("F", LUCKNOW), ("M", LUCKNOW)]
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "iitk")

    # From the batch's page to its rooms, and on to the venue's blocks and rooms.
    page.goto(f"{live_server.url}/nominations/batches/{batch.pk}/")
    page.click("[data-testid=hostel-rooms]")
    page.click("[data-testid=venue-rooms]")
    block = page.locator("[data-testid=add-block]")
    block.locator("input[name=block-name_hi]").fill("टैगोर भवन")
    block.locator("input[name=block-name_en]").fill("Tagore Bhawan")
    block.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=add-room]")
    _add_room(page, "101", 3, "men")
    _add_room(page, "102", 2, "women")
    _add_room(page, "103", 2, "any")
    _fits_the_phone(page)

    # Allocate: everyone gets a bed, the men of Kanpur Nagar together.
    page.goto(f"{live_server.url}/logistics/rooms/batch/{batch.pk}/")
    page.click("[data-testid=allocate]")
    page.wait_for_selector("[data-testid=placed]")
    assert page.locator("[data-testid=placed]").inner_text() == "4"
    assert page.locator("[data-testid=without-bed]").count() == 0
    _fits_the_phone(page)
    page.screenshot(path=str(TEST_OUTPUT / "rooms-allocated-360.png"), full_page=True)
    kanpur_rooms = {bed_of(n).room.number for n in people[:2]}
    assert kanpur_rooms == {"101"}

    # Move the Lucknow man to the room for either, with a reason.
    page.locator(f"[data-testid=person-{people[3].pk}] [data-testid=move]").click()
    options = page.locator("select[name=bed] option")
    labels = [options.nth(i).inner_text() for i in range(options.count())]
    choice = next(i for i, label in enumerate(labels) if "103" in label)
    page.select_option("select[name=bed]", index=choice)
    page.fill("textarea[name=reason]", "घुटने में दर्द, पास का कमरा")
    page.click("[data-testid=move-form] button[type=submit]")
    page.wait_for_selector("[data-testid=rooms]")
    assert bed_of(people[3]).room.number == "103"
    assert RoomMove.objects.get().reason == "घुटने में दर्द, पास का कमरा"
    _fits_the_phone(page)
    context.close()
