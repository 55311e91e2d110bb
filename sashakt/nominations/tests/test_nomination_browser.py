"""Browser test: the state cell creates a batch, a district officer nominates three people,
the state cell approves, one declines, and the waitlisted person is promoted."""

import datetime

import pytest

from sashakt.conftest import DESKTOP, PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.test import person_make, personas_make, programme_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_out(page):
    # Signing out first clears what the phone keeps offline, then posts: wait until it has.
    page.click("form[action$='/logout/'] button")
    page.locator("a[href='/accounts/login/']").first.wait_for()


def test_a_batch_from_creation_to_a_promoted_waitlist(browser, live_server):
    personas = personas_make()
    programme_make(personas.iitk_institute)
    mobiles = ["9839000301", "9839000302", "9839000303"]
    for n, mobile in enumerate(mobiles):
        person_make(name=["सावित्री देवी", "रामनरेश यादव", "गीता पाल"][n], mobile=mobile)
    TEST_OUTPUT.mkdir(exist_ok=True)
    page = browser.new_page(viewport=DESKTOP)

    # The state cell creates a two-seat batch, open for nominations.
    browser_sign_in(page, live_server.url, "state")
    page.goto(live_server.url + "/nominations/batches/")
    page.click("[data-testid=new-batch]")
    page.select_option("#id_programme", index=1)
    page.select_option("#id_venue", index=1)
    # Three weeks ahead, on a Monday: a batch cannot start in the past, and a Sunday would
    # only bring a warning to confirm.
    start = datetime.date.today() + datetime.timedelta(days=21)
    start += datetime.timedelta(days=-start.weekday())
    page.fill("#id_start_date", start.isoformat())
    page.fill("#id_capacity", "2")
    page.check("#id_open_now")
    page.click("button.primary")
    page.wait_for_selector("[data-testid=batch-status]")
    batch_url = page.url
    _sign_out(page)

    # The Kanpur Nagar officer nominates three people by pasting their mobiles, on a phone.
    page.set_viewport_size(PHONE)
    browser_sign_in(page, live_server.url, "dpro-kanpur")
    page.goto(batch_url)
    page.fill("#id_mobiles", "\n".join(["+91 98390 00301", "09839000302", "9839000303"]))
    page.click("[data-testid=nominate]")
    page.wait_for_selector("[data-testid=nomination-9839000303]")
    page.screenshot(path=TEST_OUTPUT / "batch-nominated-hi-phone.png", full_page=True)
    _sign_out(page)

    # The state cell approves all three: two seats, one waitlisted.
    page.set_viewport_size(DESKTOP)
    browser_sign_in(page, live_server.url, "state")
    page.goto(batch_url)
    for mobile in mobiles:
        page.click(f"[data-testid=nomination-{mobile}] [data-testid=approve]")
        page.wait_for_load_state()
    status = page.locator("[data-testid=nomination-9839000303] [data-testid=status]")
    assert status.inner_text() == "प्रतीक्षा सूची में"
    page.screenshot(path=TEST_OUTPUT / "batch-approved-hi-desktop.png", full_page=True)
    _sign_out(page)

    # The officer reports that the first nominee cannot come: the waitlisted person moves up.
    browser_sign_in(page, live_server.url, "dpro-kanpur")
    page.goto(batch_url)
    page.click("[data-testid=nomination-9839000301] [data-testid=decline]")
    page.wait_for_selector("[data-testid=decline-confirm]")  # it asks why, and asks again
    page.check("input[name=reason][value=health]")
    page.click("[data-testid=decline-yes]")
    page.wait_for_url(batch_url)
    assert page.locator(".messages li.success").inner_text().startswith("मना किया: सावित्री देवी")
    promoted = page.locator("[data-testid=nomination-9839000303] [data-testid=status]")
    assert promoted.inner_text() == "सीट प्रस्तावित"
    assert page.locator("[data-testid=free-seats]").inner_text() == "0"
    page.close()

    statuses = dict(Nomination.objects.values_list("person__mobile", "status"))
    assert statuses == {
        "9839000301": NominationStatus.DECLINED,
        "9839000302": NominationStatus.APPROVED,
        "9839000303": NominationStatus.APPROVED,
    }
