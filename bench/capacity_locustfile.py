"""The users of a busy training day, for bench/bench_capacity.py (run by it; not alone).

The plan (URLs per page kind, signed-in session cookies per role) is a JSON file named by
CAPACITY_PLAN, written by the bench after it loaded the demo and a generated registry.
Every user waits 3-15 s between actions, as people do. With CAPACITY_BARE=1 every user
only opens the bare signed-in page: the floor the scenario is compared with.
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

PLAN = json.loads(Path(os.environ["CAPACITY_PLAN"]).read_text())
BARE = os.environ.get("CAPACITY_BARE") == "1"


class _Person(HttpUser):
    abstract = True
    wait_time = between(3, 15)
    role = ""

    def on_start(self):
        role = PLAN["roles"]["bare"] if BARE else self.role
        keys = PLAN["sessions"].get(role)
        if keys:
            self.client.cookies.set("sessionid", random.choice(keys))

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
