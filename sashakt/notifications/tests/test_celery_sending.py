"""A message sent through a real Celery worker on Redis to the local fake gateway."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import transaction

from sashakt.conftest import require_or_skip
from sashakt.core.tests.test_jobs import _redis_reachable, _worker_database_url
from sashakt.notifications.models import MessageStatus
from sashakt.notifications.services import message_send
from sashakt.notifications.tests.fake_gateway import Answer, FakeGateway


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_message_is_sent_and_retried_by_a_celery_worker(settings, tmp_path):
    redis_url = os.environ.get("SASHAKT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    require_or_skip(_redis_reachable(redis_url), f"no Redis at {redis_url}")
    queue = f"sashakt-test-{uuid.uuid4().hex[:8]}"
    with FakeGateway([Answer(503), Answer(200, {"message_id": "celery-1"})]) as gateway:
        env = {
            **os.environ,
            "DATABASE_URL": _worker_database_url(),
            "REDIS_URL": redis_url,
            "CELERY_QUEUE": queue,
            "SMS_GATEWAY_URL": gateway.url,
            "SMS_SENDER_ID": "UPPRDS",
            "NOTIFICATIONS_RETRY_SECONDS": "1",
            "NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS": "10",
        }
        log = (tmp_path / "worker.log").open("w")
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "sashakt", "worker", "--pool=solo"]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"]
            + ["-Q", queue, "--loglevel=INFO"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        from sashakt.celery import app

        previous = (app.conf.broker_url, app.conf.task_default_queue)
        app.conf.broker_url, app.conf.task_default_queue = redis_url, queue
        settings.JOBS_BACKEND = "celery"
        settings.NOTIFICATIONS_CHANNEL = "sms"
        settings.SMS_GATEWAY_URL = gateway.url
        try:
            with transaction.atomic():
                message = message_send(
                    purpose_key="otp:celery:1", to_mobile="9839012345", body="कोड 135790"
                )
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                message.refresh_from_db()
                if message.status in (MessageStatus.SENT, MessageStatus.FAILED):
                    break
                time.sleep(0.2)
        finally:
            app.conf.broker_url, app.conf.task_default_queue = previous
            worker.terminate()
            worker.wait(timeout=30)
            log.close()
    worker_log = (tmp_path / "worker.log").read_text()
    assert message.status == MessageStatus.SENT, message.last_error + worker_log
    assert message.attempts == 2 and message.provider_message_id == "celery-1"
    assert "sashakt.run_job" in worker_log  # it ran in the worker, not in this process
    # Each a single message (a dict), not a batch (a list).
    senders = [r.payload["sender"] for r in gateway.received if isinstance(r.payload, dict)]
    assert senders == ["UPPRDS", "UPPRDS"]
