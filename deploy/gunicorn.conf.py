"""gunicorn for Sashakt (deploy/systemd/sashakt-web.service): `gunicorn -c deploy/gunicorn.conf.py
sashakt.wsgi`. Settings come from the environment so one file serves every machine."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, about two per core (README "How many web processes").
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
# A request slower than this is killed and logged; nginx waits a little longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 75))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (memory a PDF render leaves behind).
max_requests = 1000
max_requests_jitter = 100
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only nginx on this machine may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
proc_name = os.environ.get("GUNICORN_NAME", "sashakt-web")
