"""MoU pages: progress against target, computed from nominations and certificates, scoped."""

import pytest

pytestmark = pytest.mark.django_db


def test_mou_progress_counts_completions_and_certificates_and_is_scoped(personas, client):
    """Trained = met the completion rule from the marks; certified = holds a valid
    certificate; the one who fell short counts as neither, and holds no seat."""
    from sashakt.attendance import services as attendance
    from sashakt.attendance.tests.factories import hall_make
    from sashakt.certificates.services import certificates_issue_for_batch
    from sashakt.programmes.models import MoUTarget
    from sashakt.reports.mous import mou_progress

    batch, sessions, people = hall_make(personas, people=3, days=5)
    mou = batch.programme.mou
    MoUTarget.objects.create(mou=mou, designation="kp_pramukh", people=10)
    assert mou_progress(mou)["total"].seated == 3
    for session in sessions:
        for index, nomination in enumerate(people):
            # The third person misses two of five sessions: 60%, below the 80% rule.
            absent = index == 2 and session in sessions[:2]
            attendance.mark_record(
                user=personas.iitk,
                session=session,
                nomination=nomination,
                status="absent" if absent else "present",
                method="grid",
            )
    attendance.batch_complete(user=personas.iitk, batch=batch)
    progress = mou_progress(mou)
    assert (progress["total"].trained, progress["total"].seated) == (2, 0)
    assert progress["total"].certified == 0
    certificates_issue_for_batch(user=personas.iitk, batch=batch)
    progress = mou_progress(mou)
    assert progress["total"].certified == 2
    completed_kp = sum(n.designation == "kp_pramukh" for n in people[:2])
    kp = next(row for row in progress["by_designation"] if row.target == 10)
    assert (kp.trained, kp.certified, kp.percent) == (completed_kp, completed_kp, 10 * completed_kp)
    client.force_login(personas.iitk)
    page = client.get(mou.get_absolute_url())
    assert page.status_code == 200
    assert "2 प्रमाणित" in page.content.decode()
    client.force_login(personas.iiml)
    assert client.get(mou.get_absolute_url()).status_code == 404
    client.force_login(personas.dpro_kanpur)
    assert client.get(mou.get_absolute_url()).status_code == 403


def test_the_mou_pages_sit_under_the_dashboards_and_the_menu_marks_only_mous(personas, client):
    """The old /programmes/mous/ address redirects; on the MoU page the menu's current entry
    is "MoUs", not also "Dashboard" (whose address is a prefix of it)."""
    client.force_login(personas.state)
    old = client.get("/programmes/mous/?year=2026")
    assert old.status_code == 301 and old["Location"] == "/dashboard/mous/?year=2026"
    page = client.get("/dashboard/mous/").content.decode()
    current = [line for line in page.splitlines() if 'aria-current="page"' in line]
    assert len(current) == 1 and "/dashboard/mous/" in current[0]
