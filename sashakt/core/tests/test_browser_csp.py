"""In a real browser the Content-Security-Policy blocks nothing of ours (issue 10, item 11)."""

import pytest

from sashakt.conftest import DESKTOP, browser_sign_in
from sashakt.core.models import Job
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_work_under_the_policy_with_no_violation(browser, live_server):
    personas = personas_make()
    job = Job.objects.create(
        kind="people.export",
        title="export",
        created_by=personas.state,
        status=Job.Status.RUNNING,
        progress_total=10,
    )
    page = browser.new_page(viewport=DESKTOP)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    browser_sign_in(page, live_server.url, "state")
    page.goto(live_server.url + "/nominations/batches/")
    with page.expect_navigation():
        page.select_option("select[data-autosubmit]", "open")  # was an inline onchange
    assert "status=open" in page.url

    # htmx polls the job page (configured by the meta tag, no eval) and stops once done.
    with page.expect_response(lambda response: str(job.pk) in response.url):
        page.goto(live_server.url + job.get_absolute_url())
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    page.wait_for_selector("#job-status[data-status=succeeded]", timeout=10_000)
    assert refused == []
    page.close()


def test_no_page_logs_a_console_error(browser, live_server):
    """Every page once logged "Error with Permissions-Policy header: Unrecognized feature:
    'bluetooth'" (Chromium reports it at warning level); a page of ours leaves the console
    clean."""
    personas_make()
    page = browser.new_page(viewport=DESKTOP)
    logged = []
    page.on(
        "console",
        lambda m: logged.append(m.text) if m.type in ("error", "warning") else None,
    )
    page.goto(live_server.url + "/")
    browser_sign_in(page, live_server.url, "state")
    page.goto(live_server.url + "/about/")
    assert logged == []
    page.close()
