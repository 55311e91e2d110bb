"""Whether the tallies agree with a count from the records: for `manage.py tallies --check`
and the tests. Sits above both sides it compares (`tallies` and the counting from the
records in `figures` and `rgsa`), so neither imports the other to be checked."""

import datetime

from django.contrib.auth import get_user_model

from sashakt.core.roles import Role
from sashakt.reports.dashboards import figures, rgsa, tallies


def differences() -> list[str]:
    """Where the tallies disagree with a count from the records (empty when they agree)."""
    state = get_user_model()(role=Role.STATE, is_active=True)
    found = []
    sets = figures.group_sets([None, *(n for n in tallies.TALLIED_SETS if n != tallies.CUBE)])
    live = figures.count_sets(state, None, sets, tallied=False)
    tallied = tallies.counted_sets(list(sets))
    for name in tallies.TALLIED_SETS:
        if live[name] != tallied[name]:
            found.append(f"funnel by {name}")
    live_people = figures.people_by_district(state)
    if live_people != tallies.registry_by_district():
        found.append("district coverage")
    today = datetime.date.today()
    live_rgsa = [
        (r.district_id, r.orientation_due, r.oriented, r.refresher_due, r.refreshed, r.overdue)
        for r in rgsa.rgsa_coverage(state, today, tallied=False)
    ]
    if live_rgsa != tallies.rgsa_by_district(today):
        found.append("RGSA coverage")
    return found
