"""The outbox at statewide scale: the 3-day reminder for 100,000 seated people, queued in bulk
and sent in batches through a local fake gateway, against today's path (one message_send,
one job and one request per message).

    make bench ONLY=outbox
    BENCH_OUTBOX_N=500 BENCH_OUTBOX_BASELINE_N=50 make bench ONLY=outbox

Sets up its own SQLite database in a temporary folder and starts two fake gateways
(bench/outbox_gateway.py) as processes on 127.0.0.1: one accepting everything at once, one
answering every 20th request 503 (5%). The people are generated (name, mobile, language;
batches of 40 seated people with their batch's code, venue and date): the bench measures the
outbox, not the seat queries. Django's clock is pinned to a weekday noon in India (and moves
with real time), so the quiet hours never hold the reminders back whenever it runs.

- queue: `event_messages_send_bulk` for N people (seconds_queue, queued_per_s), then again
  (every row already there: requeued must be 0);
- send: the one job it enqueued, run here as a worker would, SMS_GATEWAY_BATCH_SIZE=250
  (sent_per_s); the same for N other reminders through the 5%-503 gateway
  (sent_per_s_with_503s: the refused batches wait their back-off, 1 s here, and go again);
  and for BENCH_OUTBOX_ONE_BY_ONE_N (default N/10) messages one request each
  (sent_per_s_one_by_one);
- baseline: today's path for BENCH_OUTBOX_BASELINE_N messages (event_message_send, which
  writes the row and runs its own job at once, one request each), scaled per message to N:
  baseline_seconds. seconds = queue + send of the batched run; ratio = baseline_seconds /
  seconds.

duplicates: references a gateway accepted more than once (must be 0); lost: queued messages
not sent at the end (must be 0).

Measured on the 2-core development machine, 7 Dec 2026, while two test suites ran beside it
(load average 4.8), N=100,000: queued_per_s 17,779 (28,151 at N=20,000, load 2.3), sent_per_s
4,537 in batches of 250 (4,455 through the 5%-503 gateway), sent_per_s_one_by_one 485,
baseline 35 messages/s, ratio 102, duplicates 0, lost 0. Earlier (6 Dec, load about 4):
queued_per_s 5,475, sent_per_s 1,663; the reminders have since been queued by the same bulk
function and the batched sending kept. Queueing is bound by SQLite's insert into the outbox
table (four indexes, three checks).
"""

import datetime
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

N = int(os.environ.get("BENCH_OUTBOX_N", "100000"))
BASELINE_N = int(os.environ.get("BENCH_OUTBOX_BASELINE_N", "1000"))
ONE_BY_ONE_N = int(os.environ.get("BENCH_OUTBOX_ONE_BY_ONE_N", str(max(N // 10, 1))))
BATCH_SIZE = int(os.environ.get("BENCH_OUTBOX_BATCH_SIZE", "250"))
SEATS_PER_BATCH = 40
NAMES = ["सुनीता देवी", "राम प्रसाद", "गीता यादव", "मोहम्मद आरिफ़", "कमला वर्मा", "Ravi Kumar"]


def _setup(folder: Path) -> None:
    import logging

    logging.disable(logging.WARNING)  # a retried batch logs nothing worth reading here
    os.environ["SASHAKT_VAR_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("SMS_GATEWAY_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, stdout=io.StringIO())


def _pin_clock() -> None:
    """Django's clock reads a weekday noon in India, moving on with real time."""
    from django.utils import timezone

    from sashakt.notifications.services import INDIA

    noon = datetime.datetime(2027, 1, 5, 12, 0, tzinfo=INDIA)
    started = time.monotonic()
    timezone.now = lambda: noon + datetime.timedelta(seconds=time.monotonic() - started)


def _gateway(fail_every: int = 0) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, str(REPO / "bench" / "outbox_gateway.py")]
        + ["--fail-every", str(fail_every), "--max-seconds", "3600"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    port = int(process.stdout.readline())
    return process, f"http://127.0.0.1:{port}/v1/sms"


def _stats(url: str) -> dict:
    import urllib.request

    with urllib.request.urlopen(url.replace("/v1/sms", "/stats"), timeout=10) as answer:
        return json.loads(answer.read())


def _people(count: int, *, start: int = 0) -> list[tuple]:
    """(key, language, values, mobile) for `count` seated people."""
    people = []
    for n in range(start, start + count):
        batch = n // SEATS_PER_BATCH
        people.append(
            (
                str(n),
                "en" if n % 7 == 0 else "hi",
                {
                    "name": NAMES[n % len(NAMES)],
                    "batch": f"SIRD-2027-{batch:04d}",
                    "programme": "ग्राम पंचायत विकास योजना",
                    "start": f"{12 + batch % 15:02d}/01/2027",
                    "time": "09:30",
                    "venue": "एसआईआरडी बख्शी का तालाब, लखनऊ",
                    "map_link": "https://maps.app.goo.gl/x7Yq2",
                    "link": f"https://sk.up.gov.in/b/{batch}",
                    "phone": "9839012345",
                },
                f"{6000000000 + n * 7:010d}",
            )
        )
    return people


class _Jobs:
    """Jobs handed over for running are kept here and run by the bench, as a worker would."""

    def __init__(self):
        from sashakt.core import jobs

        self.waiting: list = []
        jobs.dispatch = self.waiting.append

    def run_all(self) -> None:
        from sashakt.core.jobs import job_run

        while self.waiting:
            job_run(self.waiting.pop(0))


def _sent(prefix: str) -> int:
    from sashakt.notifications.models import Message, MessageStatus

    return Message.objects.filter(purpose_key__startswith=prefix, status=MessageStatus.SENT).count()


def _queue_and_send(event: str, people: list[tuple], jobs: _Jobs) -> dict:
    from sashakt.notifications.services import event_messages_send_bulk

    started = time.perf_counter()
    summary = event_messages_send_bulk(event=event, recipients=people)
    queued_at = time.perf_counter()
    jobs.run_all()
    sent_at = time.perf_counter()
    return {
        "summary": summary,
        "queue_seconds": queued_at - started,
        "send_seconds": sent_at - queued_at,
        "sent": _sent(f"{event}:"),
    }


def _baseline(count: int) -> float:
    """Today's path: one event_message_send per message, its job run at once, one request."""
    from django.conf import settings

    from sashakt.notifications.services import event_message_send

    settings.JOBS_BACKEND = "immediate"
    settings.SMS_GATEWAY_BATCH_SIZE = 1
    people = _people(count, start=10 * N)
    started = time.perf_counter()
    for key, language, values, mobile in people:
        event_message_send(
            event="post-test-open", key=key, language=language, values=values, to_mobile=mobile
        )
    seconds = time.perf_counter() - started
    settings.JOBS_BACKEND = "inprocess"
    if _sent("post-test-open:") != count:
        raise SystemExit("the baseline did not send every message")
    return seconds


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="sashakt-bench-outbox-"))
    _setup(folder)
    _pin_clock()
    from django.conf import settings

    gateways = [_gateway(), _gateway(fail_every=20)]
    try:
        (_, at_once), (_, refusing) = gateways
        settings.NOTIFICATIONS_CHANNEL = "sms"
        settings.SMS_SENDER_ID = "UPPRDS"
        settings.SMS_DLT_TEMPLATE_ID = "1107170000000000001"
        settings.SMS_TIMEOUT_SECONDS = 10
        settings.NOTIFICATIONS_RETRY_SECONDS = 1
        settings.NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS = 60
        settings.JOBS_BACKEND = "inprocess"
        jobs = _Jobs()

        people = _people(N)
        settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_BATCH_SIZE = at_once, BATCH_SIZE
        batched = _queue_and_send("reminder-3-days", people, jobs)
        again = _queue_and_send("reminder-3-days", people, jobs)

        settings.SMS_GATEWAY_URL = refusing
        with_503 = _queue_and_send("reminder-1-day", _people(N, start=N), jobs)

        settings.SMS_GATEWAY_URL, settings.SMS_GATEWAY_BATCH_SIZE = at_once, 1
        one_by_one = _queue_and_send("pre-test-open", _people(ONE_BY_ONE_N, start=2 * N), jobs)

        baseline_seconds = _baseline(BASELINE_N) / BASELINE_N * N
        stats = [_stats(at_once), _stats(refusing)]
    finally:
        for process, _ in gateways:
            process.stdin.close()
            process.wait(timeout=30)

    runs = [batched, with_503, one_by_one]
    queued = sum(run["summary"].queued for run in runs) + BASELINE_N
    sent = sum(run["sent"] for run in runs) + _sent("post-test-open:")
    seconds = batched["queue_seconds"] + batched["send_seconds"]
    print(
        json.dumps(
            {
                "bench": "outbox",
                "seconds": round(seconds, 3),
                "baseline": "one message_send, one job and one request per message",
                "baseline_seconds": round(baseline_seconds, 3),
                "baseline_n": BASELINE_N,
                "ratio": round(baseline_seconds / seconds, 2),
                "n": N,
                "queued": batched["summary"].queued,
                "seconds_queue": round(batched["queue_seconds"], 3),
                "queued_per_s": round(N / batched["queue_seconds"]),
                "seconds_send": round(batched["send_seconds"], 3),
                "sent_per_s": round(batched["sent"] / batched["send_seconds"]),
                "batch_size": BATCH_SIZE,
                "sent_per_s_with_503s": round(with_503["sent"] / with_503["send_seconds"]),
                "requests_refused_503": stats[1]["refused"],
                "one_by_one_n": ONE_BY_ONE_N,
                "sent_per_s_one_by_one": round(one_by_one["sent"] / one_by_one["send_seconds"]),
                "baseline_per_s": round(N / baseline_seconds),
                "requeued": again["summary"].queued,
                "already_there": again["summary"].already,
                "duplicates": sum(s["accepted"] - s["unique"] for s in stats),
                "lost": queued - sent,
            }
        )
    )


if __name__ == "__main__":
    main()
