"""Imported once by the sandbox's fork server: Django loaded, so each child starts warm."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")
django.setup()

import sashakt.core.spreadsheets  # noqa: E402, F401  (the readers, imported once)
