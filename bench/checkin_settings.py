"""Settings for the check-in benchmark's server: the app as it is, plus one bare view."""

from sashakt.settings import *  # noqa: F403

ROOT_URLCONF = "checkin_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False}
