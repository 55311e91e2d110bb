"""Outcome indicators: the import of per-GP figures, and the follow-up report.

The import reads a sheet with one gram panchayat a row, keyed by its LGD code, and one
column per indicator, recognised by its heading in Hindi or English (an indicator's code,
its names, or one of its other headings; words such as "score" or "अंक" do not matter). It
checks every row first and writes nothing if any row is wrong; a round imported again
changes nothing where the figures are the same, and changes figures only after the state
cell confirms.

The report compares, per indicator, the change between two rounds of GPs where a person
completed a programme before the later round ("trained") with the GPs where nobody had yet.
It is an association: trained GPs were chosen, not drawn at random.
"""

import contextlib
import datetime
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from scipy import stats

from sashakt.core.jobs import JobContext, job_enqueue, job_function
from sashakt.core.refusals import Refused
from sashakt.core.roles import Role
from sashakt.core.spreadsheets import UnreadableFile, read_table, uploaded_copy
from sashakt.core.users import AnyUser, User
from sashakt.followup.models_outcomes import (
    Grade,
    Indicator,
    IndicatorImport,
    IndicatorRound,
    IndicatorValue,
)
from sashakt.geography.models import GramPanchayat
from sashakt.nominations.models import Nomination, NominationStatus

JOB_KIND = "followup.indicator_import"
HEADER_SEARCH_ROWS = 10  # a title line or two may sit above the headings
REPORTED_PROBLEMS = 500  # rows listed in the report; all are counted
REPORTED_CHANGES = 50
WRITE_BATCH = 2000
LARGEST_VALUE = Decimal("999999999999.99")
CONFIDENCE = 0.95


class IndicatorError(Refused):
    """The indicator import or report refused (the message is for the user)."""


# ---------------------------------------------------------------------------------------
# Column headings


# Words that say nothing about which indicator a column holds.
NOISE_WORDS = frozenset(
    [
        "score",
        "scores",
        "marks",
        "mark",
        "value",
        "values",
        "pai",
        "index",
        "the",
        "of",
        "in",
        "obtained",
        "स्कोर",
        "अंक",
        "प्राप्त",
        "मान",
        "सूचकांक",
        "पीएआई",
        "का",
        "की",
        "के",
    ]
)
LGD_WORDS = frozenset({"lgd", "एलजीडी"})
LGD_KEYS = frozenset(
    {
        "gpcode",
        "grampanchayatcode",
        "villagepanchayatcode",
        "localbodycode",
        "panchayatcode",
        "code",
        "कोड",
        "ग्रामपंचायतकोड",
        "पंचायतकोड",
        "ग्रामपंचायतएलजीडीकोड",
    }
)
# A heading naming the district's or block's LGD code is not the GP's.
HIGHER_PLACE_WORDS = frozenset(
    {"district", "block", "zila", "janpad", "जनपद", "जिला", "ज़िला", "ब्लॉक", "विकासखंड", "खंड"}
)


def heading_tokens(text: object) -> list[str]:
    """Lower-case words of a heading (Devanagari kept whole, nukta dropped, anything in
    brackets dropped: a unit or a scale), digits split from letters ("Theme1" = "Theme 1")."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower().replace("\u093c", "")
    text = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", text)
    kept = "".join(char if unicodedata.category(char)[0] in "LMN" else " " for char in text)
    kept = re.sub(r"(?<=[^\W\d])(?=\d)|(?<=\d)(?=[^\W\d])", " ", kept)
    return kept.split()


def _key(tokens: Iterable[str]) -> str:
    return "".join(tokens)


def _meaningful(tokens: list[str]) -> list[str]:
    return [token for token in tokens if token not in NOISE_WORDS]


def is_lgd_heading(text: object) -> bool:
    tokens = heading_tokens(text)
    return bool(LGD_WORDS & set(tokens)) or _key(tokens) in LGD_KEYS


def lgd_column(headings: list[Any]) -> int | None:
    """The column holding the GP's LGD code, or None."""
    found = [index for index, heading in enumerate(headings) if is_lgd_heading(heading)]
    if len(found) > 1:
        own = [i for i in found if not HIGHER_PLACE_WORDS & set(heading_tokens(headings[i]))]
        found = own or found
    return found[0] if found else None


def _contains(tokens: list[str], part: list[str]) -> bool:
    width = len(part)
    return width > 0 and any(tokens[i : i + width] == part for i in range(len(tokens) - width + 1))


@dataclass
class ColumnMatch:
    index: int
    heading: str
    indicator: Indicator | None
    ambiguous: list[str] = field(default_factory=list)


def indicator_names(indicator: Indicator) -> list[list[str]]:
    names = [indicator.code.replace("_", " "), indicator.name_en, indicator.name_hi]
    names += [line for line in indicator.aliases.splitlines() if line.strip()]
    return [tokens for name in names if (tokens := _meaningful(heading_tokens(name)))]


def columns_match(headings: list[Any], indicators: list[Indicator]) -> list[ColumnMatch]:
    """Each heading's indicator: one whose name or other heading equals it (noise words
    aside), else the one whose longest name the heading contains; None where no indicator
    or more than one fits equally."""
    names = [(indicator, indicator_names(indicator)) for indicator in indicators]
    matches = []
    for index, heading in enumerate(headings):
        tokens = _meaningful(heading_tokens(heading))
        if not tokens or is_lgd_heading(heading):
            continue
        exact = {ind.pk: ind for ind, known in names if any(_key(n) == _key(tokens) for n in known)}
        if len(exact) == 1:
            matches.append(ColumnMatch(index, str(heading), next(iter(exact.values()))))
            continue
        if len(exact) > 1:
            matches.append(
                ColumnMatch(index, str(heading), None, sorted(i.code for i in exact.values()))
            )
            continue
        best: dict[int, int] = {}
        for indicator, known in names:
            width = max((len(n) for n in known if _contains(tokens, n)), default=0)
            if width:
                best[indicator.pk] = width
        if not best:
            continue
        widest = max(best.values())
        winners = [ind for ind, _known in names if best.get(ind.pk) == widest]
        if len(winners) == 1:
            matches.append(ColumnMatch(index, str(heading), winners[0]))
        else:
            matches.append(ColumnMatch(index, str(heading), None, sorted(i.code for i in winners)))
    return matches


# ---------------------------------------------------------------------------------------
# Cells

DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
BLANK_TEXT = frozenset({""})


class CellProblem(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip() in BLANK_TEXT)


def lgd_code_read(cell: object) -> int:
    if isinstance(cell, bool):
        raise CellProblem("lgd_not_number", text=str(cell))
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    text = str(cell).strip().translate(DEVANAGARI_DIGITS)
    if re.fullmatch(r"\d{1,9}(\.0+)?", text):
        return int(float(text))
    raise CellProblem("lgd_not_number", text=str(cell)[:40])


def number_read(cell: object, indicator: Indicator) -> Decimal:
    if isinstance(cell, bool):
        raise CellProblem("not_number", text=str(cell))
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise CellProblem("not_number", text=str(cell))
        value = Decimal(str(cell))
    else:
        text = str(cell).strip().translate(DEVANAGARI_DIGITS).replace("₹", "")
        text = re.sub(r"(?<=\d),(?=\d{2,3}\b)", "", text).replace(" ", "")  # 1,23,456.50
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise CellProblem("not_number", text=str(cell)[:40]) from None
        if not value.is_finite():
            raise CellProblem("not_number", text=str(cell)[:40])
    value = value.quantize(Decimal("0.01"))
    low, high = indicator.minimum, indicator.maximum
    if (
        abs(value) > LARGEST_VALUE
        or (low is not None and value < low)
        or (high is not None and value > high)
    ):
        raise CellProblem(
            "out_of_range",
            text=str(value),
            low="" if low is None else str(low.normalize()),
            high="" if high is None else str(high.normalize()),
        )
    return value


def grade_read(cell: object) -> str:
    text = str(cell).strip().upper().replace(" ", "").replace("＋", "+")
    if text in Grade.values:
        return text
    raise CellProblem("not_grade", text=str(cell)[:40])


def problem_text(problem: dict[str, Any]) -> str:
    """A row problem of the report, as the reader reads it (stored as a code and values so
    that the report reads in whichever language it is opened in)."""
    params = problem.get("params", {})
    texts: dict[str, Callable[[], str]] = {
        "lgd_missing": lambda: _("The LGD code is empty."),
        "lgd_not_number": lambda: _("The LGD code “%(text)s” is not a number.") % params,
        "lgd_unknown": lambda: _("No gram panchayat has the LGD code %(text)s.") % params,
        "duplicate": lambda: (
            _("The same gram panchayat as row %(first_row)s: keep one row.") % params
        ),
        "not_number": lambda: _("“%(text)s” is not a number.") % params,
        "not_grade": lambda: _("“%(text)s” is not a grade (A+, A, B, C or D).") % params,
        "out_of_range": lambda: (
            _("%(text)s is outside %(low)s to %(high)s.") % params
            if params.get("low") and params.get("high")
            else _("%(text)s is not an accepted value.") % params
        ),
    }
    code = str(problem.get("code"))
    return texts.get(code, lambda: code)()


# ---------------------------------------------------------------------------------------
# The import


def indicator_round_create(
    *, user: User, code: str, name_hi: str, name_en: str, measured_on: datetime.date
) -> IndicatorRound:
    if user.role != Role.STATE:
        raise IndicatorError(_("Only the state programme cell adds rounds."))
    indicator_round = IndicatorRound(
        code=code, name_hi=name_hi, name_en=name_en, measured_on=measured_on
    )
    indicator_round.full_clean()
    indicator_round.save()
    return indicator_round


def indicator_create(*, user: User, indicator: Indicator) -> Indicator:
    """Add an indicator the department follows (checked by its form's full_clean)."""
    if user.role != Role.STATE:
        raise IndicatorError(_("Only the state programme cell adds indicators."))
    indicator.full_clean()
    indicator.save()
    return indicator


def indicator_import_create(
    *, user: User, round: IndicatorRound, uploaded_file: UploadedFile
) -> IndicatorImport:  # noqa: A002
    """Keep the uploaded sheet and check it in a background job."""
    if user.role != Role.STATE:
        raise IndicatorError(_("Only the state programme cell imports indicators."))
    upload = IndicatorImport(
        round=round, original_name=str(uploaded_file.name)[:200], uploaded_by=user
    )
    upload.file.save(_stored_name(uploaded_file.name or ""), uploaded_file, save=False)
    upload.save()
    _enqueue(upload, user=user, replace=False)
    return upload


def _stored_name(name: str) -> str:
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    return "sheet" + (suffix if re.fullmatch(r"\.[a-z]{3,4}", suffix) else "")


def indicator_import_confirm(*, user: User, upload: IndicatorImport) -> IndicatorImport:
    """The state cell confirmed that figures already imported for the round are replaced."""
    if upload.status != IndicatorImport.Status.NEEDS_CONFIRMATION:
        raise IndicatorError(_("This import does not wait for a confirmation."))
    IndicatorImport.objects.filter(pk=upload.pk).update(status=IndicatorImport.Status.CHECKING)
    upload.status = IndicatorImport.Status.CHECKING
    _enqueue(upload, user=user, replace=True)
    return upload


def _enqueue(upload: IndicatorImport, *, user: User, replace: bool) -> None:
    job = job_enqueue(
        kind=JOB_KIND,
        title=_("Indicator import: %(name)s") % {"name": upload.original_name},
        user=user,
        params={"import_id": upload.pk, "replace": replace},
    )
    IndicatorImport.objects.filter(pk=upload.pk).update(job=job)
    upload.job = job
    upload.refresh_from_db()


@job_function(JOB_KIND)
def indicator_import_job(ctx: JobContext, *, import_id: int, replace: bool) -> dict[str, Any]:
    upload = IndicatorImport.objects.select_related("round").get(pk=import_id)
    report = indicator_import_run(upload=upload, replace=replace, ctx=ctx)
    return {"next_url": upload.get_absolute_url(), "rows": report.get("rows", 0)}


@dataclass
class _Cell:
    row: int
    gp_id: int
    lgd: int
    indicator: Indicator
    value: Decimal | None
    grade: str


def indicator_import_run(
    *, upload: IndicatorImport, replace: bool, ctx: JobContext | None = None
) -> dict[str, Any]:
    """Check every row, then write all or nothing. The report (kept on the import) says
    what each wrong row holds; the import's status what became of the sheet."""
    try:
        with uploaded_copy(upload.file) as path:
            table = read_table(path)
    except UnreadableFile as error:
        return _finish(upload, IndicatorImport.Status.REFUSED, {"file_error": str(error)})
    report, cells = _check(table.rows, ctx)
    if report.get("file_error") or report["problem_count"]:
        return _finish(upload, IndicatorImport.Status.REFUSED, report)
    with transaction.atomic():
        # One import of a round at a time: a second waits here, then sees the first's figures.
        IndicatorRound.objects.select_for_update().get(pk=upload.round_id)
        new, changed, same = _compare(upload, cells, report)
        if changed and not replace:
            return _finish(upload, IndicatorImport.Status.NEEDS_CONFIRMATION, report)
        if not new and not changed:
            return _finish(upload, IndicatorImport.Status.UNCHANGED, report)
        for start in range(0, len(new), WRITE_BATCH):
            IndicatorValue.objects.bulk_create(new[start : start + WRITE_BATCH])
        IndicatorValue.objects.bulk_update(
            changed, ["value", "grade", "imported_by"], batch_size=WRITE_BATCH
        )
        return _finish(upload, IndicatorImport.Status.APPLIED, report)


def _finish(upload: IndicatorImport, status: str, report: dict[str, Any]) -> dict[str, Any]:
    upload.status = status
    upload.report = report
    upload.save(update_fields=["status", "report", "updated_at"])
    return report


def _check(rows: list[list[Any]], ctx: JobContext | None) -> tuple[dict[str, Any], list[_Cell]]:
    header_at = next(
        (i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if lgd_column(row) is not None),
        None,
    )
    if header_at is None:
        return {
            "file_error": _(
                "No column of LGD codes was found. Name it “LGD code” (or “एलजीडी कोड”) in the "
                "first rows of the sheet."
            ),
            "problem_count": 0,
        }, []
    headings = rows[header_at]
    lgd_index = lgd_column(headings)
    assert lgd_index is not None
    indicators = list(Indicator.objects.all())
    matches = columns_match(headings, indicators)
    used = [m for m in matches if m.indicator is not None]
    used_indicators = [m.indicator for m in used if m.indicator is not None]
    report: dict[str, Any] = {
        "lgd_heading": str(headings[lgd_index]),
        "columns": [
            {
                "heading": m.heading,
                "indicator": m.indicator.code if m.indicator else "",
                "ambiguous": m.ambiguous,
            }
            for m in matches
        ],
        "ignored": [
            str(h)
            for i, h in enumerate(headings)
            if i != lgd_index and not _is_blank(h) and i not in {m.index for m in matches}
        ],
        "problems": [],
        "problem_count": 0,
    }
    indicator_codes = [indicator.code for indicator in used_indicators]
    duplicated = {code for code in indicator_codes if indicator_codes.count(code) > 1}
    if not used or duplicated:
        report["file_error"] = (
            _("Two columns hold the same indicator: keep one.")
            if duplicated
            else _("No column names an indicator. Name the columns as on the indicators page.")
        )
        return report, []

    data = [(header_at + 1 + i + 1, row) for i, row in enumerate(rows[header_at + 1 :])]
    data = [(number, row) for number, row in data if any(not _is_blank(c) for c in row)]
    report["rows"] = len(data)
    wanted = set()
    for _number, row in data:
        cell = row[lgd_index] if lgd_index < len(row) else None
        with contextlib.suppress(CellProblem):  # reported with its row below
            wanted.add(lgd_code_read(cell))
    gp_by_lgd = _gram_panchayats(wanted)

    def problem(number: int, column: str, error: CellProblem, lgd: object = "") -> None:
        report["problem_count"] += 1
        if len(report["problems"]) < REPORTED_PROBLEMS:
            report["problems"].append(
                {
                    "row": number,
                    "column": column,
                    "lgd": str(lgd),
                    "code": error.code,
                    "params": error.params,
                }
            )

    cells: list[_Cell] = []
    first_row_of: dict[int, int] = {}
    gps = 0
    for position, (number, row) in enumerate(data, start=1):
        if ctx and position % WRITE_BATCH == 0:
            ctx.progress(position, len(data), _("Checking the rows"))
        cell = row[lgd_index] if lgd_index < len(row) else None
        if _is_blank(cell):
            problem(number, report["lgd_heading"], CellProblem("lgd_missing"))
            continue
        try:
            lgd = lgd_code_read(cell)
        except CellProblem as error:
            problem(number, report["lgd_heading"], error)
            continue
        if lgd not in gp_by_lgd:
            problem(number, report["lgd_heading"], CellProblem("lgd_unknown", text=lgd), lgd)
            continue
        if lgd in first_row_of:
            problem(
                number,
                report["lgd_heading"],
                CellProblem("duplicate", first_row=first_row_of[lgd]),
                lgd,
            )
            continue
        first_row_of[lgd] = number
        gps += 1
        for match in used:
            indicator = match.indicator
            assert indicator is not None
            value = row[match.index] if match.index < len(row) else None
            if _is_blank(value):
                continue  # not measured: missing, never zero
            try:
                if indicator.kind == Indicator.Kind.GRADE:
                    read: tuple[Decimal | None, str] = (None, grade_read(value))
                else:
                    read = (number_read(value, indicator), "")
            except CellProblem as error:
                problem(number, match.heading, error, lgd)
                continue
            cells.append(_Cell(number, gp_by_lgd[lgd], lgd, indicator, *read))
    report["gram_panchayats"] = gps
    report["figures"] = len(cells)
    if ctx:
        ctx.progress(len(data), len(data), _("Checked"))
    return report, cells


def _gram_panchayats(codes: set[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    ordered = sorted(codes)
    for start in range(0, len(ordered), 5000):
        found.update(
            GramPanchayat.objects.filter(lgd_code__in=ordered[start : start + 5000]).values_list(
                "lgd_code", "pk"
            )
        )
    return found


def _compare(
    upload: IndicatorImport, cells: list[_Cell], report: dict[str, Any]
) -> tuple[list[IndicatorValue], list[IndicatorValue], int]:
    indicator_ids = {cell.indicator.pk for cell in cells}
    existing = {
        (value.indicator_id, value.gram_panchayat_id): value
        for value in IndicatorValue.objects.filter(
            round_id=upload.round_id, indicator_id__in=indicator_ids
        ).only("pk", "indicator_id", "gram_panchayat_id", "value", "grade")
    }
    new: list[IndicatorValue] = []
    changed: list[IndicatorValue] = []
    same = 0
    sample: list[dict[str, str | int]] = []
    for cell in cells:
        old = existing.get((cell.indicator.pk, cell.gp_id))
        if old is None:
            new.append(
                IndicatorValue(
                    round_id=upload.round_id,
                    indicator=cell.indicator,
                    gram_panchayat_id=cell.gp_id,
                    value=cell.value,
                    grade=cell.grade,
                    imported_by=upload,
                )
            )
        elif old.value == cell.value and old.grade == cell.grade:
            same += 1
        else:
            if len(sample) < REPORTED_CHANGES:
                sample.append(
                    {
                        "row": cell.row,
                        "lgd": str(cell.lgd),
                        "indicator": cell.indicator.code,
                        "old": old.grade or str(old.value),
                        "new": cell.grade or str(cell.value),
                    }
                )
            old.value, old.grade, old.imported_by = cell.value, cell.grade, upload
            changed.append(old)
    report.update(new=len(new), changed=len(changed), same=same, changes=sample)
    return new, changed, same


# ---------------------------------------------------------------------------------------
# Selectors


def imports_for_user(user: AnyUser) -> QuerySet[IndicatorImport]:
    if not isinstance(user, User) or user.role != Role.STATE:
        return IndicatorImport.objects.none()
    return IndicatorImport.objects.select_related("round", "job")


def rounds_with_values() -> QuerySet[IndicatorRound]:
    return IndicatorRound.objects.filter(
        Exists(IndicatorValue.objects.filter(round=OuterRef("pk")))
    )


def gram_panchayats_for_user(user: AnyUser) -> QuerySet[GramPanchayat]:
    """The GPs whose figures a user may read: all for the state cell, their district's for
    a district officer, none for anyone else."""
    if not isinstance(user, User):
        return GramPanchayat.objects.none()
    if user.role == Role.STATE:
        return GramPanchayat.objects.all()
    if user.role == Role.DISTRICT and user.district_id:
        return GramPanchayat.objects.filter(district_id=user.district_id)
    return GramPanchayat.objects.none()


def indicator_values_for_user(user: AnyUser) -> QuerySet[IndicatorValue]:
    """The per-GP figures a user may read: those of `gram_panchayats_for_user`."""
    return IndicatorValue.objects.filter(
        gram_panchayat__in=gram_panchayats_for_user(user)
    ).select_related("round", "indicator", "gram_panchayat__district")


def trained_before(day: datetime.date) -> Exists:
    """A GP is trained for a round when a person of that GP completed a programme (the
    attendance app's completion rule set the nomination to "completed the batch") in a
    batch that ended before the round's figures."""
    return Exists(
        Nomination.objects.filter(
            person__gram_panchayat=OuterRef("pk"),
            status=NominationStatus.ATTENDED,
            batch__end_date__lt=day,
        )
    )


@dataclass
class GroupChange:
    """One group's change between two rounds: GPs, those measured in both, the mean change
    and its 95% t interval (None with fewer than two GPs)."""

    gram_panchayats: int
    measured_both: int
    missing_baseline: int
    missing_later: int
    mean: float | None
    sd: float | None
    low: float | None
    high: float | None

    @property
    def missing(self) -> int:
        return self.gram_panchayats - self.measured_both


@dataclass
class Comparison:
    indicator: Indicator
    trained: GroupChange
    not_trained: GroupChange
    difference: float | None
    low: float | None
    high: float | None

    @property
    def groups(self) -> tuple[GroupChange, GroupChange]:
        return self.trained, self.not_trained


def group_change(
    *,
    gps: int,
    both: int,
    missing_baseline: int,
    missing_later: int,
    total: float | Decimal | None,
    squares: float | Decimal | None,
) -> GroupChange:
    """Mean and 95% t interval from the count, sum and sum of squares of the changes."""
    mean = sd = low = high = None
    if both:
        summed = float(total or 0)
        mean = summed / both
        if both > 1:
            variance = max((float(squares or 0) - summed * summed / both) / (both - 1), 0.0)
            sd = math.sqrt(variance)
            half = stats.t.ppf(0.5 + CONFIDENCE / 2, both - 1) * sd / math.sqrt(both)
            low, high = mean - half, mean + half
    return GroupChange(gps, both, missing_baseline, missing_later, mean, sd, low, high)


def welch_interval(
    a: GroupChange, b: GroupChange
) -> tuple[float | None, float | None, float | None]:
    """Difference of mean changes (a − b) and its 95% Welch interval."""
    if a.mean is None or b.mean is None:
        return None, None, None
    difference = a.mean - b.mean
    if a.sd is None or b.sd is None:
        return difference, None, None
    va, vb = a.sd**2 / a.measured_both, b.sd**2 / b.measured_both
    se = math.sqrt(va + vb)
    if se == 0:
        return difference, difference, difference
    df = (va + vb) ** 2 / (va**2 / (a.measured_both - 1) + vb**2 / (b.measured_both - 1))
    half = stats.t.ppf(0.5 + CONFIDENCE / 2, df) * se
    return difference, difference - half, difference + half


def _group_figures(
    gps: QuerySet[GramPanchayat],
    indicator: Indicator,
    baseline: IndicatorRound,
    later: IndicatorRound,
) -> GroupChange:
    change = Cast(F("after__value"), FloatField()) - Cast(F("before__value"), FloatField())
    both = Q(before__value__isnull=False, after__value__isnull=False)
    figures = gps.annotate(
        before=FilteredRelation(
            "indicator_values",
            condition=Q(indicator_values__round=baseline, indicator_values__indicator=indicator),
        ),
        after=FilteredRelation(
            "indicator_values",
            condition=Q(indicator_values__round=later, indicator_values__indicator=indicator),
        ),
    ).aggregate(
        gps=Count("pk"),
        both=Count("pk", filter=both),
        missing_baseline=Count("pk", filter=Q(before__value__isnull=True)),
        missing_later=Count("pk", filter=Q(after__value__isnull=True)),
        total=Sum(change, filter=both),
        squares=Sum(change * change, filter=both),
    )
    return group_change(**figures)


def outcome_comparisons(
    user: AnyUser,
    *,
    baseline: IndicatorRound,
    later: IndicatorRound,
    indicators: Iterable[Indicator] | None = None,
) -> list[Comparison]:
    """Per numeric indicator: trained and not-yet-trained GPs' change from `baseline` to
    `later` within the user's scope, counted in the database."""
    if baseline.measured_on >= later.measured_on:
        raise IndicatorError(_("Choose a later round that comes after the baseline round."))
    scope = gram_panchayats_for_user(user)
    trained = trained_before(later.measured_on)
    chosen = (
        indicators
        if indicators is not None
        else Indicator.objects.filter(kind=Indicator.Kind.NUMBER)
    )
    comparisons = []
    for indicator in chosen:
        if not IndicatorValue.objects.filter(
            indicator=indicator, round__in=[baseline, later]
        ).exists():
            continue
        yes = _group_figures(scope.filter(trained), indicator, baseline, later)
        no = _group_figures(scope.filter(~trained), indicator, baseline, later)
        comparisons.append(Comparison(indicator, yes, no, *welch_interval(yes, no)))
    return comparisons


NOT_AN_EFFECT = gettext_lazy(
    "This shows an association, not the training's effect: the GPs whose people were "
    "trained were chosen, not drawn at random, and may differ in other ways."
)
