"""Learning and reaction: test scores by programme, module and batch, session feedback by
trainer and module, attendance rate by batch over time.

The figures are the scoped selectors of the apps that hold the data
(`assessments.selectors.score_means_by`, `feedback.selectors.ratings_by`,
`attendance.selectors.attendance_rate_by_batch`); this module only lays each one out as a
table (headers and rows, each number with the link to what is behind it), which the page
draws with its chart and the exports write as they are.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sashakt.assessments.selectors import ScoreMeans, score_means_by
from sashakt.attendance.selectors import attendance_rate_by_batch
from sashakt.core.roles import Role
from sashakt.feedback.selectors import ratings_by
from sashakt.reports.dashboards.charts import grouped_bar_chart

LEARNING_TABLES = {
    "scores-programme": gettext_lazy("Test scores by programme"),
    "scores-module": gettext_lazy("Test scores by module"),
    "scores-batch": gettext_lazy("Test scores by batch"),
    "feedback-trainer": gettext_lazy("Session feedback by trainer"),
    "feedback-module": gettext_lazy("Session feedback by module"),
    "attendance-batch": gettext_lazy("Attendance rate by batch"),
}
# Roles that see batch results (people for managers and district officers, question analysis
# for trainers): `assessments.rules.may_see_question_analysis`.
RESULTS_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.TRAINER)
# A chart of batches shows the latest ones (two bars each for the tests); the table has all.
CHART_BATCHES = 15


@dataclass
class Cell:
    value: object  # a number, text, or None for "not shown"
    url: str = ""


@dataclass
class LearningTable:
    name: str
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    chart: object = None
    note: str = ""
    shown: list[list[Cell]] = field(default_factory=list)  # the rows the page shows

    def plain_rows(self) -> list[list]:
        """For the exports: values only, "" where a figure is not shown."""
        return [["" if c.value is None else c.value for c in row] for row in self.rows]


def programme_label(programme) -> str:
    """Programmes of two institutes may share a title: the institute tells them apart."""
    return f"{programme.mou.institute.display_short_name} · {programme.title}"


def module_label(module) -> str:
    return f"{module.title} · {programme_label(module.programme)}"


def batch_label(batch) -> str:
    return f"{batch.programme.mou.institute.display_short_name} · {batch}"


def batch_chart_label(batch) -> str:
    """Short enough for a chart: when, where, which batch; the programme last (may be cut)."""
    number = _("Batch %(number)s") % {"number": batch.number}
    institute = batch.programme.mou.institute.display_short_name
    return f"{batch.start_date:%d.%m.%Y} · {institute} · {number} · {batch.programme.title}"


def _one(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _two(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _score_headers(first: str) -> list[str]:
    return [
        first,
        _("Took the pre-test"),
        _("Pre-test mean, per cent"),
        _("Took the post-test"),
        _("Post-test mean, per cent"),
        _("Gain, points"),
        _("Normalised gain (Hake's g)"),
    ]


def _score_cells(means: ScoreMeans, url: str = "") -> list[Cell]:
    return [
        Cell(means.pre_people),
        Cell(_one(means.pre_mean), url),
        Cell(means.post_people),
        Cell(_one(means.post_mean), url),
        Cell(_one(means.gain)),
        Cell(_two(means.normalised_gain)),
    ]


def _score_chart(rows: list[ScoreMeans], label):
    return grouped_bar_chart(
        [(label(m), [_one(m.pre_mean), _one(m.post_mean)]) for m in rows],
        [("m-pre", _("pre-test")), ("m-post", _("post-test"))],
        maximum=100,
    )


def _programme_filter(url_name: str, programme_id: int) -> str:
    return reverse(url_name) + f"?programme={programme_id}"


def scores_table(user, dimension: str, *, programme: int | None = None) -> LearningTable:
    rows = score_means_by(user, dimension, programme=programme)
    if dimension == "programme":
        first = _("Programme")

        def label(m):
            return programme_label(m.thing)

        def link(m):
            return _programme_filter("reports:learning", m.key)
    elif dimension == "module":
        first = _("Module")

        def label(m):
            return module_label(m.thing)

        def link(m):
            return _programme_filter("reports:learning", m.thing.programme_id)
    else:
        first = _("Batch")

        def label(m):
            return batch_label(m.thing)

        def link(m):
            if user.role not in RESULTS_ROLES:
                return ""
            return reverse("assessments:batch_results", args=[m.key])

    name = f"scores-{dimension}"
    table = LearningTable(name, str(LEARNING_TABLES[name]), _score_headers(first))
    for means in rows:
        url = link(means)
        table.rows.append([Cell(label(means), url), *_score_cells(means, url)])
    if dimension == "batch":
        table.chart = _score_chart(rows[-CHART_BATCHES:], lambda m: batch_chart_label(m.thing))
    else:
        table.chart = _score_chart(rows, label)
    if any(m.hidden for m in rows):
        table.note = _("A mean over fewer than five people is not shown to trainers.")
    return table


def feedback_table(user, dimension: str, *, programme: int | None = None) -> LearningTable:
    items, rows = ratings_by(user, dimension, programme=programme)
    name = f"feedback-{dimension}"
    first = _("Trainer") if dimension == "trainer" else _("Module")
    headers = [first, _("Answers"), _("Mean rating (1 to 5)"), *(item.text for item in items)]
    table = LearningTable(name, str(LEARNING_TABLES[name]), headers)

    def label(row) -> str:
        if dimension == "trainer":
            return row.thing.display_name
        return module_label(row.thing)

    for row in rows:
        table.rows.append(
            [
                Cell(label(row)),
                Cell(row.responses),
                Cell(_two(row.mean)),
                *(Cell(_two(row.item_means.get(item.pk))) for item in items),
            ]
        )
    table.chart = grouped_bar_chart(
        [(label(r), [_two(r.mean)]) for r in rows],
        [("m-rating", _("Mean rating (1 to 5)"))],
        maximum=5,
    )
    table.note = _("No mean is shown for fewer than five answers, so that nobody can be guessed.")
    return table


def attendance_table(
    user, *, programme: int | None = None, latest: int | None = None
) -> LearningTable:
    rows = attendance_rate_by_batch(user, programme=programme, latest=latest)
    name = "attendance-batch"
    headers = [
        _("Batch"),
        _("Start date"),
        _("Sessions held"),
        _("People"),
        _("Present at sessions"),
        _("Attendance rate, per cent"),
    ]
    table = LearningTable(name, str(LEARNING_TABLES[name]), headers)
    for row in rows:
        url = reverse("attendance:batch", args=[row.batch.pk])
        table.rows.append(
            [
                Cell(batch_label(row.batch), url),
                Cell(row.batch.start_date.isoformat()),
                Cell(row.sessions),
                Cell(row.people, url),
                Cell(row.attended, url),
                Cell(row.percent),
            ]
        )
    table.chart = grouped_bar_chart(
        [(batch_chart_label(r.batch), [r.percent]) for r in rows[-CHART_BATCHES:]],
        [("m-rate", _("Attendance rate, per cent"))],
        maximum=100,
    )
    return table


def learning_table(
    user, name: str, *, programme: int | None = None, latest: int | None = None
) -> LearningTable:
    """One table of the page by its name (a key of LEARNING_TABLES); `latest` limits the
    attendance table to the most recent batches (the others are small by nature)."""
    kind, dimension = name.split("-", 1)
    if kind == "scores":
        return scores_table(user, dimension, programme=programme)
    if kind == "feedback":
        return feedback_table(user, dimension, programme=programme)
    return attendance_table(user, programme=programme, latest=latest)


def learning_tables(
    user, *, programme: int | None = None, latest: int | None = None
) -> list[LearningTable]:
    return [
        learning_table(user, name, programme=programme, latest=latest) for name in LEARNING_TABLES
    ]
