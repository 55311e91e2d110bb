"""Role and scope on every dashboard view and export; pages show the hand-counted figures."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sashakt.reports.dashboards.map import coverage_class, map_geometry


def test_the_map_has_every_district_of_up_once():
    geometry = map_geometry()
    assert len(geometry.paths) == 75
    assert all(path.startswith("M") and path.endswith("Z") for path in geometry.paths.values())
    # Simplified: a few tens of kB of path data, not the 850 kB file.
    assert sum(len(p) for p in geometry.paths.values()) < 150_000
    assert coverage_class(None) == "cov-none"
    assert coverage_class(0) == "cov-0"
    assert coverage_class(50.0) == "cov-3"
    assert coverage_class(100) == "cov-5"


def test_the_state_dashboard_shows_map_chart_and_counts(client, world):
    client.force_login(world.personas.state)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-lgd="') == 75
    assert 'href="/dashboard/districts/157/"' in html
    assert 'data-testid="funnel-chart"' in html
    assert "<script" not in html.replace('<script src="', "")  # no inline script
    totals = response.context["total"]
    assert totals == {
        "nominated": 6,
        "approved": 5,
        "confirmed": 4,
        "attended": 3,
        "completed": 3,
        "certified": 3,
    }
    assert "?measure=completed" in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("iitk", 302), ("dpro_kanpur", 302), ("trainer", 403), ("participant", 403)],
)
def test_the_state_dashboard_is_the_state_cells(client, world, persona, status):
    client.force_login(getattr(world.personas, persona))
    assert client.get(reverse("reports:dashboard")).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for name in ["reports:dashboard", "reports:dashboard_people", "reports:dashboard_rgsa"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_district_officer_sees_only_their_district_report(client, world):
    client.force_login(world.personas.dpro_kanpur)
    own = client.get(reverse("reports:dashboard_district", args=[157]))
    assert own.status_code == 200
    assert own.context["total"]["completed"] == 2
    assert own.context["awaiting"] == 1  # k3 at IIML
    awaiting = client.get(reverse("reports:dashboard_people") + "?measure=awaiting")
    assert [p.name for p in awaiting.context["page"].object_list] == ["कमला देवी"]
    assert own.context["rgsa"].overdue == 1
    assert own.context["place_review"] == 0
    from sashakt.people.models import Person

    Person.objects.filter(pk=world.people["k4"].pk).update(gram_panchayat_name="रामपुर")
    client.get("/")  # figures are cached; the count below is the live drill-down
    review = client.get(reverse("reports:dashboard_people") + "?measure=place_review")
    assert [p.name for p in review.context["page"].object_list] == ["मोहन लाल"]
    assert client.get(reverse("reports:dashboard_district", args=[162])).status_code == 404
    client.force_login(world.personas.iitk)
    assert client.get(reverse("reports:dashboard_district", args=[157])).status_code == 403


def test_an_institute_coordinator_sees_only_their_institute(client, world):
    client.force_login(world.personas.iiml)
    own = client.get(
        reverse("reports:dashboard_institute", args=[world.personas.iiml_institute.pk])
    )
    assert own.status_code == 200
    assert own.context["total"] == {
        "nominated": 4,
        "approved": 1,
        "confirmed": 1,
        "attended": 0,
        "completed": 1,
        "certified": 0,
    }
    other = reverse("reports:dashboard_institute", args=[world.personas.iitk_institute.pk])
    assert client.get(other).status_code == 404


def test_drilling_down_from_a_district_lists_its_people_within_scope(client, world):
    client.force_login(world.personas.state)
    kanpur = world.people["kanpur"].district_id
    url = reverse("reports:dashboard_people") + f"?measure=completed&district={kanpur}"
    response = client.get(url)
    names = {p.name for p in response.context["page"].object_list}
    assert names == {"राम कुमार", "गीता पाल"}
    assert "9839012345" in response.content.decode()  # the state cell sees mobiles
    # The Lucknow officer following the same link sees nobody.
    client.force_login(world.personas.dpro_lucknow)
    assert client.get(url).context["page"].paginator.count == 0
    # A coordinator sees the people of their programmes, without mobiles.
    client.force_login(world.personas.iiml)
    response = client.get(reverse("reports:dashboard_people") + "?measure=nominated")
    assert response.context["page"].paginator.count == 4
    assert "9839000301" not in response.content.decode()
    assert client.get(reverse("reports:dashboard_people") + "?measure=bogus").status_code == 404


def test_exports_apply_scope_and_filters(client, world):
    client.force_login(world.personas.dpro_kanpur)
    response = client.get(reverse("reports:dashboard_export", args=["district", "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1:] == ["नामित", "सीट दी गई", "पुष्टि हुई", "उपस्थित रहे", "पूर्ण", "प्रमाणित"]
    assert [r[1:] for r in rows[1:]] == [["4", "4", "3", "2", "2", "2"]]  # own district only
    people = client.get(
        reverse("reports:dashboard_export", args=["people", "xlsx"]) + "?measure=nominated"
    )
    sheet = load_workbook(io.BytesIO(people.content)).active
    mobiles = {row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert mobiles == {"9839012345", "9415000002", "9839000301", "9839000302"}
    client.force_login(world.personas.state)
    coverage = client.get(reverse("reports:dashboard_export", args=["coverage", "xlsx"]))
    sheet = load_workbook(io.BytesIO(coverage.content)).active
    assert sheet.max_row == 76
    assert client.get(reverse("reports:dashboard_export", args=["nope", "csv"])).status_code == 404
    client.force_login(world.personas.trainer)
    forbidden = client.get(reverse("reports:dashboard_export", args=["district", "csv"]))
    assert forbidden.status_code == 403


def test_the_qpr_downloads_as_xlsx_for_a_chosen_quarter(client, world):
    client.force_login(world.personas.state)
    page = client.get(reverse("reports:dashboard_qpr") + "?year=2025&quarter=2")
    assert page.status_code == 200 and page.context["rows"][-1]["total"] == 3
    response = client.get(reverse("reports:dashboard_qpr") + "?year=2025&quarter=2&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[-1][1:] == [3, 2, 0, 1, 2]
    client.force_login(world.personas.iitk)
    assert client.get(reverse("reports:dashboard_qpr")).status_code == 403


def test_the_rgsa_page_lists_overdue_people_by_district(client, world):
    client.force_login(world.personas.state)
    response = client.get(reverse("reports:dashboard_rgsa"))
    assert response.status_code == 200
    overdue = client.get(reverse("reports:dashboard_people") + "?measure=overdue")
    assert [p.name for p in overdue.context["page"].object_list] == ["कमला देवी"]


def test_rgsa_and_qpr_pages_are_scoped_to_the_district_officers_district(client, world):
    client.force_login(world.personas.dpro_lucknow)
    rows = client.get(reverse("reports:dashboard_rgsa")).context["rows"]
    assert [district.lgd_code for district, _ in rows] == [162]
    page = client.get(reverse("reports:dashboard_qpr") + "?year=2025&quarter=2")
    assert page.context["rows"][-1]["total"] == 1  # lucknow only
    overdue = client.get(reverse("reports:dashboard_people") + "?measure=overdue")
    assert overdue.context["page"].paginator.count == 0  # k3 is Kanpur's
    client.force_login(world.personas.participant)
    assert client.get(reverse("reports:dashboard_rgsa")).status_code == 403
    assert client.get(reverse("reports:dashboard_people") + "?measure=registry").status_code == 403


def test_the_dashboard_reads_in_english_one_click_away(client, world):
    client.force_login(world.personas.state)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/dashboard/"})
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert "State dashboard" in html and "Seat given" in html and "Coverage by district" in html
    public = client.get(reverse("reports:public")).content.decode()
    assert "People trained by district" in public


def test_the_share_table_says_not_recorded_instead_of_zero(client, world):
    from sashakt.nominations.services import nominations_follow_people
    from sashakt.people.models import Person

    Person.objects.update(social_category="")
    nominations_follow_people()
    client.force_login(world.personas.state)
    page = client.get(reverse("reports:dashboard")).content.decode()
    shares = page[page.index('data-testid="shares"') :]
    shares = shares[: shares.index("</section>")]
    assert "6 में से 6 का दर्ज नहीं" in shares  # "not recorded for 6 of 6"
    assert ">0.0%" not in shares


def test_the_qpr_names_its_quarters_in_hindi(personas, client):
    client.force_login(personas.state)
    page = client.get(reverse("reports:dashboard_qpr")).content.decode()
    assert "तिमाही 1" in page and ">Q1<" not in page
