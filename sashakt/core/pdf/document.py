"""An A4 bilingual document of the department: the document fonts with HarfBuzz shaping, 15 mm
margins, the department's heading band and labelled facts. Joining letters and nominal
rolls are written on it; what they say is in their own app."""

from django.utils.translation import gettext_noop
from fpdf import FPDF

from sashakt.core.pdf.bilingual import both
from sashakt.core.pdf.fonts import FONT, document_fonts_on

DEPARTMENT = gettext_noop("Panchayati Raj Department, Uttar Pradesh")


class BilingualDocument(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        document_fonts_on(self)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def header_band(self, title: str) -> None:
        """The department's name in both languages, `title` under it, and a rule."""
        self.set_font(FONT, "B", 11)
        self.set_text_color(30, 76, 140)
        self.cell(0, 6, both(DEPARTMENT), new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "B", 16)
        self.set_text_color(20, 20, 20)
        self.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(30, 76, 140)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def fact(self, label: str, value: str) -> None:
        """A small grey label and its value under it, wrapped."""
        self.set_font(FONT, "", 9)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, label, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "", 12)
        self.set_text_color(20, 20, 20)
        self.multi_cell(0, 6, value, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
