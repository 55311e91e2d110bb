"""The house: which app may import which. The one place this is written down.

Each app has a rank; an app may import apps of a lower rank and never one of its own rank or
above, so dependencies point one way (`sashakt/core/tests/test_layers.py` reads the import
graph, imports inside functions included, and fails on any other edge). Two exceptions keep
apps apart that ranks alone would join:

- `accounts` (the user model) is imported only by the apps listed in `ACCOUNTS_READERS`; every
  other app reaches users through `get_user_model()` or `settings.AUTH_USER_MODEL`.
- `notifications` is called by everyone and itself imports `core` only.

Tests (`<app>/tests/`) follow their app's rule and may also import the modules at the package
root: the personas in `sashakt/test.py`, the fixtures in `sashakt/conftest.py`, `urls`,
`celery`, this file. Those root modules wire the apps together and are not an app; app code
never imports them.
"""

RANKS: dict[str, int] = {
    "core": 0,
    "formats": 0,  # Django's per-language format modules; imports nothing
    "notifications": 1,  # called, never calls up: may import core only
    "geography": 2,
    "people": 3,
    "programmes": 4,  # institutes, MoUs, venues, programmes, modules, batches, timetables, quotas
    "accounts": 5,  # just above programmes: a user belongs to a district, institute or person
    "nominations": 6,  # nominations, seats, waitlist, substitution, allocation, letters
    "assessments": 7,
    "feedback": 7,
    # Above the tests: a programme's completion rule may require the post-test.
    "attendance": 8,
    "certificates": 9,
    # Rooms, travel, TA/DA claims, costs against the MoU: reads seats and the hall's arrivals.
    "logistics": 9,
    "followup": 10,  # action plans, 30/90/180-day check-ins, outcome indicators, the library
    "reports": 11,  # reads every app; nothing imports it but the API
    "demo": 12,  # the living pilot; nothing imports it
    # A person's own data gathered from every app, corrections, erasure, retention.
    "privacy": 12,
    "api": 12,  # /api/v1/: the pages' data and scope for other systems; nothing imports it
}

ACCOUNTS_READERS = frozenset({"demo"})
NOTIFICATIONS_MAY_IMPORT = frozenset({"core"})


def may_import(importer: str, imported: str) -> bool:
    """Whether code of app `importer` may import app `imported` (both names under `sashakt.`)."""
    if importer == imported:
        return True
    if importer == "notifications":
        return imported in NOTIFICATIONS_MAY_IMPORT
    if imported == "accounts":
        return importer in ACCOUNTS_READERS
    return RANKS[imported] < RANKS[importer]
