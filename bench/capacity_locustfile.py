"""The users of a busy training day, for bench/bench_capacity.py (run by it; not alone).

The plan (URLs per page kind, signed-in session cookies per role) is a JSON file named by
CAPACITY_PLAN, written by the bench after it loaded the demo and a generated registry.
Every user waits 3-15 s between actions, as people do. With CAPACITY_BARE=1 every user
only opens the bare signed-in page: the floor the scenario is compared with.

`BurstParticipant` is run alone (named on Locust's command line) for the post-test burst: each
takes one of the hall's people, opens the post-test, answers every question (each answer
saved as given, as the test page's script does), submits, then opens the feedback faces.
"""

import itertools
import json
import os
import random
import secrets
import uuid
from pathlib import Path

from locust import HttpUser, between, task
from locust.exception import StopUser

PLAN = json.loads(Path(os.environ["CAPACITY_PLAN"]).read_text())
BARE = os.environ.get("CAPACITY_BARE") == "1"
# A CSRF secret of our own choosing, sent as cookie and header (Django compares the two).
CSRF = secrets.token_hex(16)


class _Person(HttpUser):
    abstract = True
    wait_time = between(3, 15)
    role = ""

    def on_start(self):
        role = PLAN["roles"]["bare"] if BARE else self.role
        keys = PLAN["sessions"].get(role)
        if keys:
            self.client.cookies.set("sessionid", random.choice(keys))
        self.client.cookies.set("csrftoken", CSRF)

    def send(self, kind: str, url: str, **body) -> None:
        """A POST the page's script or form makes; a redirect (the grid's) counts as done."""
        if BARE:
            return self.open("bare")
        headers = {"X-CSRFToken": CSRF}
        with self.client.post(
            url, name=kind, headers=headers, catch_response=True, allow_redirects=False, **body
        ) as r:
            if r.status_code not in (200, 302):
                r.failure(f"HTTP {r.status_code}")

    def open(self, kind: str) -> None:
        if BARE:
            kind = "bare"
        urls = PLAN["urls"].get(kind)
        if not urls:
            return
        url = random.choice(urls)
        with self.client.get(url, name=kind, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")


class Participant(_Person):
    """A hall's participants: their tests and the feedback faces."""

    weight = 250
    role = "participant"

    @task(3)
    def tests(self):
        self.open("participant_tests")

    @task(1)
    def feedback(self):
        self.open("participant_feedback")


class HallCoordinator(_Person):
    """Five halls: the scanning phone's session page and the roll-call grid."""

    weight = 10
    role = "institute"

    @task(3)
    def session(self):
        self.open("hall_session")

    @task(1)
    def grid(self):
        self.open("hall_grid")

    @task(1)
    def roll_call(self):
        """A tap on the roll-call grid: one person present or absent, then the grid again."""
        hall = PLAN.get("hall")
        if not (hall and hall["sessions"]) or BARE:
            return self.open("bare")
        session = random.choice(hall["sessions"])
        self.send(
            "hall_roll_call",
            f"/attendance/sessions/{session}/",
            data={
                "nomination": random.choice(hall["nominations"]),
                "status": random.choice(["present", "present", "absent"]),
                "client_id": uuid.uuid4().hex,
            },
        )
        self.open("hall_roll_call")


class HallScanner(_Person):
    """Five halls' scanning phones: one person's QR every 2-4 s (a second scan of someone
    already in is answered "already present", as in a real queue)."""

    weight = 5
    role = "institute"
    wait_time = between(2, 4)

    @task
    def scan(self):
        hall = PLAN.get("hall")
        if not (hall and hall["sessions"]) or BARE:
            return self.open("bare")
        self.send(
            "hall_scan",
            "/attendance/api/checkin/",
            json={
                "session": random.choice(hall["sessions"]),
                "token": random.choice(hall["tokens"]),
                "client_id": uuid.uuid4().hex,
            },
        )


class DistrictOfficer(_Person):
    weight = 75
    role = "district"

    @task(3)
    def search(self):
        self.open("district_search")

    @task(1)
    def todo(self):
        self.open("district_todo")

    @task(1)
    def report(self):
        self.open("district_report")

    @task(1)
    def batches(self):
        self.open("district_batches")


class InstituteCoordinator(_Person):
    weight = 10
    role = "institute"

    @task(3)
    def batch(self):
        self.open("institute_batch")

    @task(1)
    def letter(self):
        self.open("joining_letter_pdf")


class StateCell(_Person):
    """The state cell: the dashboard, its drill-downs and the allocation proposal (a page
    only the state cell opens)."""

    weight = 5
    role = "state"

    @task(1)
    def allocation(self):
        self.open("allocation")

    @task(2)
    def dashboard(self):
        self.open("state_dashboard")

    @task(1)
    def drill(self):
        self.open("state_drilldown")


class Visitor(_Person):
    weight = 50
    role = ""

    @task(2)
    def public(self):
        self.open("public")

    @task(1)
    def verify(self):
        self.open("verify")


_burst_keys = itertools.count()
_burst_finished = itertools.count(1)


class BurstParticipant(HttpUser):
    """One of the hall's people when the trainer says "start now" (run alone; see above)."""

    wait_time = between(*(float(x) for x in os.environ.get("BENCH_BURST_THINK", "3,8").split(",")))

    def on_start(self):
        burst = PLAN["burst"]
        index = next(_burst_keys)
        if index >= len(burst["sessions"]):
            raise StopUser()
        self.client.cookies.set("sessionid", burst["sessions"][index])
        self.client.cookies.set("csrftoken", CSRF)
        self.attempt_url = ""
        self.questions = list(burst["questions"].items())
        self.submitted = False

    def _post(self, kind: str, url: str, ok=(200,), **body):
        with self.client.post(
            url,
            name=kind,
            headers={"X-CSRFToken": CSRF},
            catch_response=True,
            allow_redirects=False,
            **body,
        ) as r:
            if r.status_code not in ok:
                r.failure(f"HTTP {r.status_code}")
            return r

    def _get(self, kind: str, url: str) -> None:
        with self.client.get(url, name=kind, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")

    @task
    def next_step(self):
        if not self.attempt_url:
            self._get("burst_my_tests", "/assessments/mine/")
            test = PLAN["burst"]["assessment"]
            started = self._post("burst_start", f"/assessments/test/{test}/start/", ok=(302,))
            location = started.headers.get("Location", "")
            if "/attempt/" not in location:
                self._finish()
            self.attempt_url = location
            self._get("burst_test_page", location)
        elif self.questions:
            question, options = self.questions.pop(0)
            answer = self.attempt_url.rstrip("/") + "/answer/"
            self._post(
                "burst_answer",
                answer,
                data={"question": question, "option": random.choice(options)},
            )
        elif not self.submitted:
            self.submitted = True
            self._post("burst_submit", self.attempt_url.rstrip("/") + "/submit/", ok=(302,))
        else:
            self._get("burst_feedback", "/feedback/")
            self._finish()

    def _finish(self):
        """This person is done; the last one ends the run (Locust would wait out its -t)."""
        if next(_burst_finished) >= len(PLAN["burst"]["sessions"]):
            self.environment.runner.quit()
        raise StopUser()
