"""The utilisation certificate of an MoU for one financial year, in the shape of form GFR
12-A (General Financial Rules, 2017, rule 238(1)): grants at the start of the year, each
instalment received with its sanction reference, the total available, the expenditure, the
unspent balance, and the certificate's text. Every figure comes from
`selectors_money.utilisation_figures` (the records); nothing is typed in."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_noop

from sashakt.core.pdf.bilingual import both
from sashakt.core.pdf.document import BilingualDocument
from sashakt.core.pdf.fonts import FONT
from sashakt.core.spreadsheets import table_bytes
from sashakt.logistics.rules_money import rupees
from sashakt.logistics.selectors_money import UtilisationFigures, financial_year_label

TITLE = gettext_noop("Utilisation certificate (form GFR 12-A)")
CERTIFICATION = gettext_noop(
    "Certified that I have satisfied myself that the conditions on which the grants were "
    "sanctioned have been duly fulfilled or are being fulfilled, and that I have exercised "
    "the following checks to see that the money has been actually utilised for the purpose "
    "for which it was sanctioned: the institute's invoices against the batches trained, the "
    "attendance of the participants and the instalments released."
)
SIGNATURES = gettext_noop(
    "Signature of the head of the institute / Signature of the finance officer"
)


def _figure_rows(figures: UtilisationFigures) -> list[tuple[str, Decimal]]:
    """(label in both languages, amount) in the form's order."""
    rows = [
        (both(gettext_noop("Unspent balance at the start of the year")), figures.opening_balance),
    ]
    for instalment in figures.instalments:
        rows.append(
            (
                both(gettext_noop("Grant received: sanction"))
                + f" {instalment.sanction_reference}, {instalment.released_on:%d.%m.%Y}",
                instalment.amount,
            )
        )
    rows += [
        (both(gettext_noop("Grants received during the year")), figures.received),
        (both(gettext_noop("Total available funds")), figures.available),
        (both(gettext_noop("Expenditure incurred")), figures.spent),
        (both(gettext_noop("Unspent balance at the end of the year")), figures.unspent),
    ]
    return rows


def utilisation_pdf(figures: UtilisationFigures) -> bytes:
    mou = figures.mou
    pdf = BilingualDocument()
    pdf.set_title(both(TITLE))
    pdf.add_page()
    pdf.header_band(both(TITLE))
    pdf.fact(both(gettext_noop("Financial year")), financial_year_label(figures.start_year))
    pdf.fact(both(gettext_noop("Institute")), f"{mou.institute.name_hi} / {mou.institute.name_en}")
    pdf.fact(
        both(gettext_noop("Name of the scheme (MoU)")),
        " / ".join(dict.fromkeys(t for t in (mou.title_hi, mou.title_en) if t)),
    )
    pdf.fact(both(gettext_noop("Kind of grant")), both(gettext_noop("Non-recurring")))
    pdf.ln(2)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(FONT, "B", 10)
    pdf.cell(width - 45, 8, both(gettext_noop("Item")), border=1)
    pdf.cell(
        45, 8, both(gettext_noop("Amount")), border=1, align="R", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FONT, "", 10)
    for label, amount in _figure_rows(figures):
        pdf.cell(width - 45, 8, label, border=1)
        pdf.cell(45, 8, rupees(amount), border=1, align="R", new_x="LMARGIN", new_y="NEXT")
    if figures.invoices:
        pdf.ln(3)
        pdf.set_font(FONT, "B", 10)
        pdf.cell(0, 7, both(gettext_noop("Invoices of the year")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        for invoice in figures.invoices:
            pdf.cell(
                0,
                6,
                f"{invoice.number} · {invoice.invoiced_on:%d.%m.%Y} · {rupees(invoice.amount)}",
                new_x="LMARGIN",
                new_y="NEXT",
            )
    pdf.ln(4)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 5.5, both(CERTIFICATION).replace(" / ", "\n\n", 1))
    pdf.ln(12)
    pdf.multi_cell(0, 6, both(SIGNATURES))
    return bytes(pdf.output())


def utilisation_xlsx(figures: UtilisationFigures) -> bytes:
    rows: list[list[Any]] = [
        [both(gettext_noop("Financial year")), financial_year_label(figures.start_year)],
        [both(gettext_noop("Institute")), figures.mou.institute.name_en],
        [both(gettext_noop("Name of the scheme (MoU)")), figures.mou.title_en],
    ]
    rows += [[label, amount] for label, amount in _figure_rows(figures)]
    rows.append([both(CERTIFICATION), ""])
    return table_bytes(
        ".xlsx",
        [both(gettext_noop("Item")), both(gettext_noop("Amount"))],
        rows,
        sheet_title="GFR 12-A",
    )
