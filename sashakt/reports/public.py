"""The public transparency page: aggregates only (no name, no mobile), counts under 5
suppressed so nobody can be singled out, cached; read from the state dashboard's tallies
(so a cold cache costs milliseconds, not a count of every nomination in the state)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import get_language

from sashakt.geography.models import District
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import Person
from sashakt.programmes.models import Institute, MoU, Programme
from sashakt.reports.dashboards import tallies
from sashakt.reports.dashboards.map import legend, map_districts, map_geometry

SUPPRESS_BELOW = 5


def suppress(n: int) -> int | None:
    """None (shown as "fewer than 5") for counts 1 to 4; zero and 5+ are shown."""
    return None if 0 < n < SUPPRESS_BELOW else n


def suppress_group(counts: list[int]) -> list[int | None]:
    """`suppress` over cells that add up to a figure shown elsewhere (the districts, the
    programmes, the institutes, the MoUs, each against the total): one hidden cell alone
    would be the total minus the others, so the smallest other cell is hidden with it."""
    shown = [suppress(n) for n in counts]
    if shown.count(None) == 1:
        others = [(n, i) for i, n in enumerate(counts) if shown[i] is not None and n > 0]
        if others:
            shown[min(others)[1]] = None
    return shown


@dataclass
class PublicRow:
    label: str
    trained: int | None  # None: suppressed


@dataclass
class PublicCoverage:
    """Shaped like dashboards.figures.DistrictCoverage, so the same map draws it."""

    district: District
    people: int
    trained: int | None

    @property
    def percent(self) -> float:
        if self.trained is None or not self.people:
            return 0.0
        return round(100 * self.trained / self.people, 1)


def _completed() -> "Nomination.objects":
    return Nomination.objects.filter(status=NominationStatus.ATTENDED).order_by()


def _trained_by(path: str) -> dict:
    return dict(
        _completed().values_list(path).annotate(n=Count("person", distinct=True)).order_by()
    )


def trained_counted() -> dict:
    """People who completed a batch, by district (of the person), programme, institute and
    MoU, and in all; with the registry by district: counted from the records."""
    return {
        "district": _trained_by("person__district"),
        "registered": dict(
            Person.objects.order_by().values_list("district").annotate(n=Count("pk"))
        ),
        "programme": _trained_by("programme"),
        "institute": _trained_by("programme__mou__institute"),
        "mou": _trained_by("programme__mou"),
        "total": _completed().values("person").distinct().count(),
    }


def trained_tallied() -> dict:
    """The same, read from the state dashboard's tallies (see dashboards/tallies.py)."""
    counted = tallies.counted_sets(["programme", "institute", "mou", tallies.CUBE])

    def completed(name: str) -> dict:
        return {key[0]: cell["completed"] for key, cell in counted[name].items()}

    registry = tallies.registry_by_district()
    return {
        "district": {d: trained for d, (_, trained) in registry.items() if trained},
        "registered": {d: people for d, (people, _) in registry.items()},
        "programme": completed("programme"),
        "institute": completed("institute"),
        "mou": completed("mou"),
        "total": sum(cell["completed"] for cell in counted[tallies.CUBE].values()),
    }


def public_figures() -> dict:
    trained = trained_tallied() if tallies.brought_up_to_date() else trained_counted()
    registered = trained["registered"]
    districts = list(District.objects.all())
    district_trained = suppress_group([trained["district"].get(d.pk, 0) for d in districts])
    coverage = [
        PublicCoverage(d, suppress(registered.get(d.pk, 0)) or 0, shown)
        for d, shown in zip(districts, district_trained, strict=True)
    ]
    programmes = list(Programme.objects.select_related("mou__institute").order_by("pk"))
    institutes = list(Institute.objects.all())
    mous = list(MoU.objects.select_related("institute").order_by("signed_on"))

    def by(name, records):
        return suppress_group([trained[name].get(record.pk, 0) for record in records])

    return {
        "total": suppress(trained["total"]),
        "coverage": coverage,
        "programmes": [
            PublicRow(p.title, shown)
            for p, shown in zip(programmes, by("programme", programmes), strict=True)
        ],
        "institutes": [
            PublicRow(i.name, shown)
            for i, shown in zip(institutes, by("institute", institutes), strict=True)
        ],
        "mous": list(zip(mous, by("mou", mous), strict=True)),
    }


def public_page(request):
    key = f"public:v1:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = public_figures()
        cache.set(key, figures, settings.DASHBOARD_CACHE_SECONDS)
    coverage = figures["coverage"]
    return render(
        request,
        "reports/dashboard_public.html",
        {
            **figures,
            "map": map_geometry(),
            "map_districts": map_districts(coverage, lambda district: ""),
            "legend": legend(),
            "suppress_below": SUPPRESS_BELOW,
        },
    )
