"""Certificates: 1,000 for one batch, as single PDF files and as one merged print file,
against the same certificate made from HTML by WeasyPrint.

    make bench ONLY=certificates
    BENCH_CERTIFICATES=200 BENCH_BASELINE_CERTIFICATES=5 make bench ONLY=certificates

Sets up its own SQLite database in a temporary folder, registers 1,000 people who completed
one batch, issues their certificates through the service (issue_seconds), then times
`certificate_pdf` for each (single_certs_per_s) and `certificates_pdf` for all in one file
(merged_certs_per_s). The font is prepared once per process; that one-off cost is reported
as warmup_seconds and not counted in the rates.

The baseline is WeasyPrint rendering the same certificate (same facts, same Noto font,
the QR code as SVG) from HTML, for BENCH_BASELINE_CERTIFICATES of them; baseline_seconds is
its time scaled to the same number of certificates, and ratio = baseline_seconds / seconds
(single files). WeasyPrint is not a dependency of Sashakt: this script pip-installs
bench/requirements.txt into the virtualenv when it is missing, and, as root, apt-get
installs Pango if the library is absent. If that fails (no network), the JSON line still
prints with "baseline": "unavailable". Both outputs are read back with pdftotext to say
whether their Hindi survives extraction (hindi_reads_back, baseline_hindi_reads_back).
"""

import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CERTIFICATES = int(os.environ.get("BENCH_CERTIFICATES", "1000"))
BASELINE_CERTIFICATES = int(os.environ.get("BENCH_BASELINE_CERTIFICATES", "20"))
HINDI_PROBE = "श्रीमती क्षिप्रा शर्मा"


def _setup(folder: Path) -> None:
    import logging

    logging.disable(logging.INFO)  # WeasyPrint narrates each step of each document
    os.environ["SASHAKT_VAR_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_geography", verbosity=0, stdout=io.StringIO())


def _completed_batch(count: int):
    """One batch of `count` people who completed it (written directly: the bench measures
    certificates, not nominations)."""
    from sashakt.accounts.models import User
    from sashakt.core.roles import Role
    from sashakt.core.text.translit import latin_to_devanagari
    from sashakt.geography.models import Block, District
    from sashakt.nominations.models import Nomination, NominationStatus
    from sashakt.people.models import Designation, Gender, Person
    from sashakt.programmes.models import Institute
    from sashakt.test import batch_make, programme_make

    district = District.objects.get(lgd_code=157)
    block = Block.objects.filter(district=district).first()
    institute = Institute.objects.create(
        short_name="IIT Kanpur",
        name_en="Indian Institute of Technology Kanpur",
        name_hi="भारतीय प्रौद्योगिकी संस्थान कानपुर",
        city="Kanpur",
        district=district,
    )
    programme = programme_make(institute)
    batch = batch_make(programme, capacity=min(count, 30000), status="completed")
    first = ["Ram", "Savitri", "Kshama", "Pramod", "Shri Krishna", "Geeta", "Priya", "Arjun"]
    last = ["Sharma", "Verma", "Prajapati", "Mishra", "Yadav", "Trivedi", "Pal", "Srivastava"]
    people = []
    for i in range(count):
        latin = f"{first[i % len(first)]} {last[(i // len(first)) % len(last)]}"
        name = HINDI_PROBE if i == 0 else latin_to_devanagari(latin)
        people.append(
            Person(
                name=name,
                name_alt=latin,
                mobile=f"9{i:09d}",
                district=district,
                block=block,
                designation=Designation.PRADHAN,
                gender=Gender.FEMALE,
            )  # fmt: skip
        )
    Person.objects.bulk_create(people)
    Nomination.objects.bulk_create(
        Nomination(
            programme=programme,
            batch=batch,
            person=person,
            district=district,
            designation=person.designation,
            status=NominationStatus.ATTENDED,
        )  # fmt: skip
        for person in Person.objects.filter(mobile__startswith="9")
    )
    coordinator = User.objects.create_user(
        username="coordinator", password="x-bench-only-x", role=Role.INSTITUTE, institute=institute
    )
    return batch, coordinator


def _reads_back(pdf: bytes, folder: Path) -> bool | None:
    if not shutil.which("pdftotext"):
        return None
    path = folder / "read-back.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout
    return HINDI_PROBE.replace(" ", "") in "".join(text.split())


# --- Baseline: WeasyPrint ----------------------------------------------------------------


def _weasyprint():
    """The weasyprint module, installed on demand; (None, reason) if it cannot be."""
    try:
        import weasyprint

        return weasyprint, ""
    except ImportError:
        pass
    except OSError:  # the package is there, the Pango library is not
        _apt_pango()
    requirements = str(REPO / "bench/requirements.txt")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "-r", requirements]
    done = subprocess.run(pip, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        return None, "pip install failed: " + done.stderr.strip()[-200:]
    try:
        import weasyprint

        return weasyprint, ""
    except OSError:
        _apt_pango()
        try:
            import weasyprint

            return weasyprint, ""
        except OSError as error:
            return None, f"Pango missing: {error}"[:200]
    except ImportError as error:
        return None, str(error)[:200]


def _apt_pango() -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "libpango-1.0-0", "libpangoft2-1.0-0"],
            capture_output=True,
            timeout=600,
        )


HTML = """<!DOCTYPE html><html lang="hi"><head><meta charset="utf-8"><style>
@font-face {{ font-family: Noto; src: url("{font}"); }}
@page {{ size: A4 landscape; margin: 0; }}
body {{ font-family: Noto; margin: 0; }}
.page {{ box-sizing: border-box; width: 297mm; height: 210mm; border: 1.6mm solid #1e4c8c;
  outline: .5mm solid #c8962d; outline-offset: -3mm; padding: 9mm 20mm; text-align: center;
  position: relative; }}
.dept {{ color: #1e4c8c; font-size: 13pt; font-weight: bold; margin: 0; }}
.small {{ font-size: 10.5pt; margin: 0; color: #555; }}
h1 {{ color: #1e4c8c; font-size: 32pt; margin: 4mm 0 0; }}
h2 {{ color: #c8962d; font-size: 16pt; margin: 0 0 3mm; }}
.name {{ font-size: 26pt; font-weight: bold; margin: 1mm 0 0; }}
.latin {{ font-size: 17pt; font-weight: bold; margin: 0; }}
.wording {{ font-size: 12pt; margin: 3mm 15mm 0; }}
.foot {{ position: absolute; bottom: 16mm; left: 9mm; right: 9mm; display: flex;
  justify-content: space-between; text-align: left; font-size: 7.5pt; }}
.qr {{ width: 30mm; height: 30mm; }} .sign {{ width: 52mm; text-align: center;
  border-top: .3mm solid #777; margin-top: 14mm; }}
</style></head><body><div class="page">
<p class="dept">पंचायती राज विभाग, उत्तर प्रदेश शासन</p>
<p class="small">Panchayati Raj Department, Government of Uttar Pradesh</p>
<p class="small">{institute_hi} · {institute_en}</p>
<h1>प्रमाण-पत्र</h1><h2>Certificate of completion</h2>
<p class="small">प्रमाणित किया जाता है कि / This is to certify that</p>
<p class="name">{name_hi}</p><p class="latin">{name_en}</p>
<p class="small">{designation_hi}, {place_hi}<br>{designation_en}, {place_en}</p>
<p class="wording">ने {institute_hi} द्वारा {start_hi} से {end_hi} तक आयोजित प्रशिक्षण कार्यक्रम
“{programme_hi}” ({hours} घंटे) सफलतापूर्वक पूर्ण किया है।</p>
<p class="wording">has successfully completed the training programme “{programme_en}” conducted by
{institute_en} from {start_en} to {end_en} ({hours} hours).</p>
<div class="foot"><div><img class="qr" src="{qr}"></div>
<div>प्रमाण-पत्र संख्या / Certificate number<br><b>{number}</b><br>
सत्यापन / Verify at: {url}</div>
<div class="sign">कार्यक्रम समन्वयक<br>Programme coordinator</div>
<div class="sign">निदेशक, पंचायती राज<br>Director, Panchayati Raj</div></div>
</div></body></html>"""


def _html(printable, font_url: str) -> str:
    import segno
    from django.utils import formats, translation

    def date(language, value):
        with translation.override(language):
            return formats.date_format(value, "j F Y")

    qr = segno.make(printable.verification_url, error="m")
    svg = qr.svg_inline(scale=4, border=2).encode()
    return HTML.format(
        font=font_url,
        qr="data:image/svg+xml;base64," + base64.b64encode(svg).decode(),
        start_hi=date("hi", printable.start),
        end_hi=date("hi", printable.end),
        start_en=date("en", printable.start),
        end_en=date("en", printable.end),
        url=printable.verification_url,
        **{
            key: getattr(printable, key)
            for key in (
                "institute_hi",
                "institute_en",
                "name_hi",
                "name_en",
                "designation_hi",
                "designation_en",
                "place_hi",
                "place_en",
                "programme_hi",
                "programme_en",
                "hours",
                "number",
            )  # fmt: skip
        },
    )


def _baseline(items, folder: Path) -> dict:
    weasyprint, reason = _weasyprint()
    if weasyprint is None:
        return {"baseline": "unavailable", "baseline_reason": reason}
    from sashakt.core.staticfinders import FONT_FILE

    font_url = FONT_FILE.as_uri()
    count = min(BASELINE_CERTIFICATES, len(items))
    items = sorted(items, key=lambda item: item[0].name_hi != HINDI_PROBE)  # the probe first
    _html_document = weasyprint.HTML(string=_html(items[0][0], font_url)).write_pdf()  # warm-up
    started = time.perf_counter()
    first = None
    for printable, _look in items[:count]:
        pdf = weasyprint.HTML(string=_html(printable, font_url)).write_pdf()
        first = first or pdf
    seconds = time.perf_counter() - started
    return {
        "baseline": f"WeasyPrint {weasyprint.__version__} HTML to PDF, the same certificate",
        "baseline_certificates": count,
        "baseline_measured_seconds": round(seconds, 3),
        "baseline_certs_per_s": round(count / seconds, 2),
        "baseline_hindi_reads_back": _reads_back(first, folder),
        "_per_cert": seconds / count,
    }


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sashakt-bench-") as folder:
        folder = Path(folder)
        _setup(folder)
        from sashakt.certificates.jobs import printable_items
        from sashakt.certificates.models import Certificate
        from sashakt.certificates.pdf import certificate_pdf, certificates_pdf
        from sashakt.certificates.selectors import certificates_for_printing
        from sashakt.certificates.services import certificates_issue_for_batch

        batch, coordinator = _completed_batch(CERTIFICATES)
        started = time.perf_counter()
        issued = certificates_issue_for_batch(user=coordinator, batch=batch)
        issue_seconds = time.perf_counter() - started
        certificates = list(
            certificates_for_printing(Certificate.objects.filter(batch=batch)).order_by("pk")
        )
        items = printable_items(certificates)

        started = time.perf_counter()
        certificate_pdf(*items[0])  # builds the font cache and the static layers
        warmup_seconds = time.perf_counter() - started

        started = time.perf_counter()
        sizes = 0
        probe = None
        for printable, look in items:
            pdf = certificate_pdf(printable, look)
            sizes += len(pdf)
            if printable.name_hi == HINDI_PROBE:
                probe = pdf
        seconds = time.perf_counter() - started

        started = time.perf_counter()
        merged = certificates_pdf(items)
        merged_seconds = time.perf_counter() - started
        hindi = _reads_back(probe, folder)
        baseline = _baseline(items, folder)

    per_cert = baseline.pop("_per_cert", None)
    baseline_seconds = per_cert * len(items) if per_cert else None
    print(
        json.dumps(
            {
                "bench": "certificates",
                "seconds": round(seconds, 3),
                "certificates": len(items),
                "issued": len(issued),
                "issue_seconds": round(issue_seconds, 3),
                "warmup_seconds": round(warmup_seconds, 3),
                "single_certs_per_s": round(len(items) / seconds, 1),
                "single_file_kb": round(sizes / len(items) / 1024, 1),
                "merged_seconds": round(merged_seconds, 3),
                "merged_certs_per_s": round(len(items) / merged_seconds, 1),
                "merged_file_mb": round(len(merged) / 1024 / 1024, 2),
                "hindi_reads_back": hindi,
                **baseline,
                "baseline_seconds": round(baseline_seconds, 3) if baseline_seconds else None,
                "ratio": round(baseline_seconds / seconds, 1) if baseline_seconds else None,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
