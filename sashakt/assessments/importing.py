"""Question bank import from a spreadsheet, with the registry import's row report (row number
as the spreadsheet shows it, column, value, message). All or nothing: one problem and nothing
is written, so a corrected file can simply be uploaded again.

Columns (Hindi or English headers, any order): module (its number or title), kind (single /
multiple / short; inferred when empty), question in Hindi and in English, options A-E in
Hindi and English, and the correct option letters ("B" or "A, C").
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sashakt.assessments import services
from sashakt.assessments.models import QuestionKind
from sashakt.core.spreadsheets import UnreadableFile, read_table, table_bytes
from sashakt.core.text import clean_text, match_key
from sashakt.people.importing.results import Problem
from sashakt.programmes.models import Programme

LETTERS = "ABCDE"
HINDI_LETTERS = "कखगघङ"
COLUMNS = {
    "module": ["module", "मॉड्यूल", "मॉड्यूल संख्या", "module number"],
    "kind": ["kind", "type", "question type", "प्रकार", "प्रश्न का प्रकार"],
    "text_hi": ["question (hindi)", "question hindi", "प्रश्न (हिंदी)", "प्रश्न (हिन्दी)", "प्रश्न"],
    "text_en": ["question (english)", "question english", "question", "प्रश्न (अंग्रेज़ी)"],
    "correct": ["correct", "answer", "correct option", "सही उत्तर", "उत्तर"],
}
for _n, _letter in enumerate(LETTERS):
    COLUMNS[f"{_letter}_hi"] = [
        f"{_letter} (hindi)",
        f"option {_letter} (hindi)",
        f"विकल्प {HINDI_LETTERS[_n]}",
    ]
    COLUMNS[f"{_letter}_en"] = [
        f"{_letter} (english)",
        f"option {_letter} (english)",
        f"option {_letter}",
    ]
HEADER_KEYS = {match_key(name): column for column, names in COLUMNS.items() for name in names}
KIND_WORDS = {
    **dict.fromkeys(["single", "एकल", "एक विकल्प", "single choice"], QuestionKind.SINGLE),
    **dict.fromkeys(["multiple", "बहुविकल्प", "multiple choice", "अनेक"], QuestionKind.MULTIPLE),
    **dict.fromkeys(["short", "short text", "लघु", "लघु उत्तर", "text"], QuestionKind.SHORT),
}
COLUMN_LABELS = {
    "module": gettext_lazy("Module"),
    "kind": gettext_lazy("Kind"),
    "text_hi": gettext_lazy("Question (Hindi)"),
    "correct": gettext_lazy("Correct option"),
}
TEMPLATE_HEADERS = [
    "Module",
    "Type",
    "Question (Hindi)",
    "Question (English)",
    *[f"{letter} ({language})" for letter in LETTERS[:4] for language in ("Hindi", "English")],
    "Correct",
]


@dataclass
class BankImportResult:
    rows: int = 0
    created: int = 0
    problems: list[Problem] = field(default_factory=list)
    file_error: str = ""
    unknown_columns: list[str] = field(default_factory=list)


def _modules(programme: Programme) -> dict[str, object]:
    lookup = {}
    for module in programme.modules.all():
        for key in (str(module.order), module.title_hi, module.title_en):
            if key:
                lookup[match_key(key)] = module
    return lookup


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def _correct_letters(text: str) -> set[int] | None:
    letters = set()
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        part = part.strip().upper()
        if not part:
            continue
        if part in LETTERS:
            letters.add(LETTERS.index(part))
        elif part in HINDI_LETTERS:
            letters.add(HINDI_LETTERS.index(part))
        elif part.isdigit() and 1 <= int(part) <= len(LETTERS):
            letters.add(int(part) - 1)
        else:
            return None
    return letters


def _row_question(values: dict, modules: dict, row: int, problems: list[Problem]) -> dict | None:
    before = len(problems)
    module = modules.get(match_key(values.get("module", "")))
    if module is None:
        problems.append(
            Problem(
                row,
                str(COLUMN_LABELS["module"]),
                values.get("module", ""),
                _("No module of this programme has this number or title."),
            )
        )
    options = [
        {"text_hi": values.get(f"{letter}_hi", ""), "text_en": values.get(f"{letter}_en", "")}
        for letter in LETTERS
    ]
    correct = _correct_letters(values.get("correct", ""))
    if correct is None:
        problems.append(
            Problem(
                row,
                str(COLUMN_LABELS["correct"]),
                values.get("correct", ""),
                _("Write the letters of the correct options, for example B or A, C."),
            )
        )
        correct = set()
    for index in correct:
        if not (options[index]["text_hi"] or options[index]["text_en"]):
            problems.append(
                Problem(
                    row,
                    str(COLUMN_LABELS["correct"]),
                    values.get("correct", ""),
                    _("The correct option %(letter)s is empty.") % {"letter": LETTERS[index]},
                )
            )
        options[index]["is_correct"] = True
    kind_text = values.get("kind", "")
    kind = KIND_WORDS.get(kind_text.casefold()) if kind_text else None
    if kind_text and kind is None:
        problems.append(
            Problem(
                row, str(COLUMN_LABELS["kind"]), kind_text, _("Write single, multiple or short.")
            )
        )
    if kind is None:
        has_options = any(o["text_hi"] or o["text_en"] for o in options)
        kind = (
            QuestionKind.SHORT
            if not has_options
            else QuestionKind.MULTIPLE
            if len(correct) > 1
            else QuestionKind.SINGLE
        )
    text_hi, text_en = values.get("text_hi", ""), values.get("text_en", "")
    for message in services.question_check(
        kind=kind, text_hi=text_hi, text_en=text_en, options=options
    ):
        problems.append(Problem(row, str(COLUMN_LABELS["text_hi"]), text_hi or text_en, message))
    if len(problems) > before:
        return None
    return {
        "module": module,
        "kind": kind,
        "text_hi": text_hi,
        "text_en": text_en,
        "options": options,
    }


def question_bank_import(*, user, programme: Programme, path) -> BankImportResult:
    result = BankImportResult()
    try:
        table = read_table(path)
    except UnreadableFile as error:
        result.file_error = str(error)
        return result
    rows = table.rows
    header_index = next(
        (
            i
            for i, row in enumerate(rows[:10])
            if sum(match_key(c) in HEADER_KEYS for c in row) >= 2
        ),
        None,
    )
    if header_index is None:
        result.file_error = _("No header row found: the first row must name the columns.")
        return result
    mapping = {}
    for index, header in enumerate(rows[header_index]):
        column = HEADER_KEYS.get(match_key(header))
        if column and column not in mapping.values():
            mapping[index] = column
        elif clean_text(header):
            result.unknown_columns.append(clean_text(header))
    modules = _modules(programme)
    questions = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        values = {column: _cell(row[i]) for i, column in mapping.items() if i < len(row)}
        if not any(values.values()):
            continue
        result.rows += 1
        question = _row_question(values, modules, offset, result.problems)
        if question:
            questions.append(question)
    if result.problems or not questions:
        if not result.problems:
            result.file_error = _("The file has no questions.")
        return result
    with transaction.atomic():
        for question in questions:
            services.question_create(user=user, **question)
    result.created = len(questions)
    return result


def question_bank_template() -> bytes:
    """An empty bank spreadsheet with one example row."""
    example = [
        1,
        "single",
        "ग्राम सभा की बैठक वर्ष में कम से कम कितनी बार होनी चाहिए?",
        "At least how often must the Gram Sabha meet in a year?",
        "एक बार",
        "Once",
        "दो बार",
        "Twice",
        "कभी नहीं",
        "Never",
        "",
        "",
        "B",
    ]
    return table_bytes(".xlsx", TEMPLATE_HEADERS, [example], sheet_title="Questions")
