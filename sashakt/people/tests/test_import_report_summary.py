"""The report summarised (issue 21): one line per kind of note with its count, in the chosen
language, and the full list downloadable row by row."""

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

HEADERS = ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड", "ग्राम पंचायत"]

pytestmark = pytest.mark.django_db


def _sheet(xlsx, rows=40):
    first = ["राम", "श्याम", "सीता", "गीता", "मोहन", "सोहन", "कमला", "विमला"]
    last = ["यादव", "वर्मा", "सिंह", "गुप्ता", "मिश्र"]
    body = []
    for i in range(rows):
        # every row without a mobile, every other one with a misspelt gram panchayat
        gp = "रसूलपुर" if i % 2 else "बरौली"
        body.append([f"{first[i % 8]} {last[i // 8]}", "M", "", "प्रधान", "कानपुर नगर", "बिल्हौर", gp])
    body.append(["हरि", "M", "", "सरपंच", "कानपुर नगर", "बिल्हौर", "अटलांटिसपुर"])
    return xlsx([HEADERS, *body])


def test_the_command_prints_one_line_per_kind_with_counts_in_hindi(
    xlsx, kanpur_gram_panchayats, capsys, tmp_path
):
    report = tmp_path / "report.xlsx"
    path = _sheet(xlsx)
    call_command(
        "import_participants",
        str(path),
        "--without-mobile",
        "--language",
        "hi",
        "--report",
        str(report),
    )
    out = capsys.readouterr().out.splitlines()
    # the summary line in Hindi, no English words
    assert out[0].startswith("41 ") and "created" not in out[0] and "बनाए" in out[0]
    lines = out[1:]
    assert len(lines) <= 6, out  # 41 rows, a handful of lines
    by_count = {line.split()[0]: line for line in lines}
    assert "मोबाइल" in by_count["41"]  # mobile needed: every row
    assert any("समीक्षा" in line for line in lines)  # the review list
    # the full list is the report: every note, one per line
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert len(rows) >= 1 + 41 + 20


def test_the_import_page_shows_counts_and_offers_the_full_list(
    xlsx, kanpur_gram_panchayats, personas, immediate_jobs, client
):
    from django.urls import reverse

    from sashakt.people.models import ParticipantImport

    client.force_login(personas.state)
    with _sheet(xlsx).open("rb") as handle:
        client.post(reverse("people:import_start"), {"file": handle}, HTTP_ACCEPT_LANGUAGE="en")
    upload = ParticipantImport.objects.latest("pk")
    response = client.post(
        reverse("people:import_check", args=[upload.pk]),
        {**{f"column-{i}": v for i, v in upload.mapping.items()}, "allow_missing_mobile": "1"},
        follow=True,
    )
    page = response.content.decode()
    assert 'data-testid="note-summary"' in page, page[:3000]
    assert "मोबाइल नंबर नहीं" in page and "<strong>41</strong>" in page
    assert "Read through" not in page and "No mobile" not in page  # Hindi page, Hindi lines
