"""The public transparency page: aggregates only (no name, no mobile), counts under 5
suppressed so nobody can be singled out, cached."""

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
from sashakt.reports.map import legend, map_districts, map_geometry

SUPPRESS_BELOW = 5


def suppress(n: int) -> int | None:
    """None (shown as "fewer than 5") for counts 1 to 4; zero and 5+ are shown."""
    return None if 0 < n < SUPPRESS_BELOW else n


@dataclass
class PublicRow:
    label: str
    trained: int | None  # None: suppressed


@dataclass
class PublicCoverage:
    """Shaped like dashboard.DistrictCoverage, so the same map draws it."""

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


def public_figures() -> dict:
    by_district = _trained_by("person__district")
    registered = dict(Person.objects.order_by().values_list("district").annotate(n=Count("pk")))
    by_programme = _trained_by("programme")
    by_institute = _trained_by("programme__mou__institute")
    by_mou = _trained_by("programme__mou")
    coverage = [
        PublicCoverage(
            d, suppress(registered.get(d.pk, 0)) or 0, suppress(by_district.get(d.pk, 0))
        )
        for d in District.objects.all()
    ]
    programmes = Programme.objects.select_related("mou__institute").order_by("pk")
    return {
        "total": suppress(_completed().values("person").distinct().count()),
        "coverage": coverage,
        "programmes": [PublicRow(p.title, suppress(by_programme.get(p.pk, 0))) for p in programmes],
        "institutes": [
            PublicRow(i.name, suppress(by_institute.get(i.pk, 0))) for i in Institute.objects.all()
        ],
        "mous": [
            (mou, suppress(by_mou.get(mou.pk, 0)))
            for mou in MoU.objects.select_related("institute").order_by("signed_on")
        ],
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
