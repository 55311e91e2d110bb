"""Demo outcome figures and library materials for `make run`.

Two rounds of the Panchayat Advancement Index for the demo districts' gram panchayats — a
baseline (2022-23) and a later round dated today — generated, marked as demo in their
names and `is_demo`. As in UP's real baseline, many GPs report in neither or only one round
(missing, never zero). The figures carry no built-in effect of training: the report shows
what the demo's trained GPs happen to do. And a small bilingual PDF handout for every
module of the pilot's programmes, with a video link on each programme's first module.
Loading twice changes nothing.
"""

import datetime
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from sashakt.core.pdf.bilingual import both
from sashakt.core.pdf.document import BilingualDocument
from sashakt.core.users import User
from sashakt.followup.library import material_add
from sashakt.followup.models_library import Material, MaterialKind
from sashakt.followup.models_outcomes import (
    Grade,
    Indicator,
    IndicatorRound,
    IndicatorValue,
)
from sashakt.followup.themes import LsdgTheme
from sashakt.geography.models import GramPanchayat
from sashakt.programmes.models import Module

BASELINE_REPORTED = 0.40  # UP reported about 23,000 of its ~58,000 GPs in the baseline
LATER_REPORTED = 0.65
WRITE_BATCH = 5000
PROGRAMME = gettext_noop("Programme")
OBJECTIVES = gettext_noop("Learning objectives")
DEMO_MATERIAL = gettext_noop("Demo material")


def _grade(total: Decimal) -> str:
    for floor, grade in ((90, Grade.A_PLUS), (75, Grade.A), (60, Grade.B), (40, Grade.C)):
        if total >= floor:
            return grade
    return Grade.D


def _round(code: str, hindi: str, english: str, measured_on: datetime.date) -> IndicatorRound:
    found, _created = IndicatorRound.objects.update_or_create(
        code=code,
        defaults={
            "name_hi": hindi,
            "name_en": english,
            "measured_on": measured_on,
            "is_demo": True,
        },
    )
    return found


def _scores(rng: random.Random, base: list[float] | None) -> list[float]:
    if base is None:
        level = rng.gauss(48, 10)
        return [min(max(rng.gauss(level, 9), 5), 98) for _ in range(9)]
    drift = rng.gauss(3, 3)
    return [min(max(score + drift + rng.gauss(0, 4), 5), 99) for score in base]


def pai_demo_load(district_lgd_codes: list[int]) -> int:
    """The two demo rounds' figures; returns how many values were written (0 on a rerun)."""
    baseline = _round(
        "demo-pai-2022-23",
        "पीएआई 2022-23 आधार रेखा (डेमो)",
        "PAI 2022-23 baseline (demo)",
        datetime.date(2023, 3, 31),
    )
    later = _round(
        "demo-pai-latest",
        "पीएआई नवीनतम चक्र (डेमो)",
        "PAI latest round (demo)",
        max(timezone.localdate(), datetime.date(2025, 9, 1)),
    )
    if IndicatorValue.objects.filter(round__in=[baseline, later]).exists():
        return 0
    gps = GramPanchayat.objects.filter(district__lgd_code__in=district_lgd_codes).order_by(
        "lgd_code"
    )
    total_indicator = Indicator.objects.filter(code="pai_total").first()
    grade_indicator = Indicator.objects.filter(code="pai_grade").first()
    if total_indicator is None or grade_indicator is None or not gps.exists():
        return 0  # a bare database: no gram panchayats loaded (or the indicators removed)
    themes = list(
        Indicator.objects.filter(code__startswith="pai_").exclude(theme="").order_by("order")
    )
    if len(themes) != len(LsdgTheme):
        return 0
    values: list[IndicatorValue] = []
    for gp_id, lgd in gps.values_list("pk", "lgd_code").iterator():
        rng = random.Random(lgd)  # the same figures on every load
        first = _scores(rng, None)
        second = _scores(rng, first)
        for indicator_round, scores, share in (
            (baseline, first, BASELINE_REPORTED),
            (later, second, LATER_REPORTED),
        ):
            if rng.random() >= share:
                continue  # not reported in this round: missing
            rounded = [Decimal(str(round(score, 2))) for score in scores]
            total = (sum(rounded, Decimal(0)) / len(rounded)).quantize(Decimal("0.01"))
            for indicator, value in [*zip(themes, rounded, strict=True), (total_indicator, total)]:
                values.append(
                    IndicatorValue(
                        round=indicator_round,
                        indicator=indicator,
                        gram_panchayat_id=gp_id,
                        value=value,
                    )
                )
            values.append(
                IndicatorValue(
                    round=indicator_round,
                    indicator=grade_indicator,
                    gram_panchayat_id=gp_id,
                    grade=_grade(total),
                )
            )
    for start in range(0, len(values), WRITE_BATCH):
        IndicatorValue.objects.bulk_create(values[start : start + WRITE_BATCH])
    return len(values)


def _handout(module: Module) -> bytes:
    pdf = BilingualDocument()
    pdf.add_page()
    pdf.header_band(f"{module.title_hi} / {module.title_en}")
    pdf.fact(both(PROGRAMME), f"{module.programme.title_hi} / {module.programme.title_en}")
    if module.objectives_hi or module.objectives_en:
        pdf.fact(both(OBJECTIVES), f"{module.objectives_hi}\n{module.objectives_en}")
    pdf.fact(both(DEMO_MATERIAL), "—")
    return bytes(pdf.output())


def library_demo_load(*, user: User) -> int:
    """A handout for every module of the demo's programmes; returns how many were added."""
    added = 0
    modules = Module.objects.filter(
        Q(programme__mou__institute__short_name__in=["IIT Kanpur", "IIM Lucknow"])
    ).select_related("programme")
    for module in modules:
        if Material.objects.filter(module=module, is_demo=True).exists():
            continue
        handout = material_add(
            user=user,
            module=module,
            kind=MaterialKind.HANDOUT,
            title_hi=f"{module.title_hi}: पुस्तिका (डेमो)",
            title_en=f"{module.title_en}: handout (demo)",
            upload=SimpleUploadedFile("handout.pdf", _handout(module)),
        )
        marked = [handout.pk]
        if module.order == 1:
            video = material_add(
                user=user,
                module=module,
                kind=MaterialKind.VIDEO,
                title_hi="पंचायत उन्नति सूचकांक: परिचय (डेमो लिंक)",
                title_en="Panchayat Advancement Index: an introduction (demo link)",
                link="https://www.youtube.com/results?search_query=panchayat+advancement+index",
            )
            marked.append(video.pk)
        added += Material.objects.filter(pk__in=marked).update(is_demo=True)
    return added
