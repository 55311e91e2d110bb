"""What `/healthz` reports to the load balancer and to monitoring: counts and ages only,
never a name, a number or a job's parameters.

- database: one round trip (`SELECT 1`);
- cache: a write and read back (Redis in production, shared by every web process);
- queue: messages waiting in the Celery queue and jobs waiting in the database;
- beat: seconds since Celery beat's last tick reached a worker (`core.tasks.jobs_tick`).

The page answers 503 when the database or the cache fails (take this web process out of
rotation); a silent beat or a long queue is reported but keeps the web process serving.
"""

import time

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from sashakt.core.models import Job

BEAT_CACHE_KEY = "sashakt:beat:last"


def beat_record(now: float | None = None) -> None:
    """Called by the beat tick on a worker: the time it ran (kept a day)."""
    cache.set(BEAT_CACHE_KEY, now or time.time(), timeout=24 * 3600)


def health_report() -> tuple[bool, dict]:
    report = {"database": _database(), "cache": _cache(), "queue": _queue(), "beat": _beat()}
    healthy = report["database"]["ok"] and report["cache"]["ok"]
    return healthy, {"ok": healthy, **report}


def _database() -> dict:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # the report says which part failed, never raises
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def _cache() -> dict:
    token = str(time.time())
    try:
        cache.set("sashakt:health", token, timeout=60)
        ok = cache.get("sashakt:health") == token
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": ok}


def _queue() -> dict:
    report = {"backend": settings.JOBS_BACKEND}
    try:
        report["jobs_waiting"] = Job.objects.filter(status=Job.Status.QUEUED).count()
        report["jobs_running"] = Job.objects.filter(status=Job.Status.RUNNING).count()
    except Exception as error:
        report["error"] = type(error).__name__
    if settings.JOBS_BACKEND == "celery":
        try:
            client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2)
            report["depth"] = client.llen(settings.CELERY_TASK_DEFAULT_QUEUE)
        except Exception as error:
            report["error"] = type(error).__name__
    return report


def _beat() -> dict:
    if settings.JOBS_BACKEND != "celery":
        return {"ok": True, "used": False}
    try:
        last = cache.get(BEAT_CACHE_KEY)
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    if last is None:
        return {"ok": False, "age_seconds": None}
    age = max(0, round(time.time() - last))
    return {"ok": age <= settings.JOBS_TICK_SECONDS * 3, "age_seconds": age}
