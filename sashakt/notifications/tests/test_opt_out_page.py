"""The state cell's page of opt-outs: record one, see who recorded it, withdraw it."""

from django.urls import reverse

from sashakt.notifications.models import OptOut

LIST = reverse("notifications:opt_out_list")


def test_only_the_state_cell_may_see_or_change_opt_outs(personas, client):
    OptOut.objects.create(mobile="9839012345")
    withdraw = reverse("notifications:opt_out_withdraw", args=["9839012345"])
    for name, user in personas.all_users().items():
        if name == "state":
            continue
        client.force_login(user)
        assert client.get(LIST).status_code == 403, name
        assert client.post(LIST, {"mobile": "9415000009"}).status_code == 403, name
        assert client.post(withdraw).status_code == 403, name
    assert list(OptOut.objects.values_list("mobile", flat=True)) == ["9839012345"]


def test_the_state_cell_records_and_withdraws_an_opt_out(personas, client):
    client.force_login(personas.state)
    response = client.post(LIST, {"mobile": "+91 98390 12345", "reason": "फ़ोन पर कहा"})
    assert response.status_code == 302
    opt_out = OptOut.objects.get()
    assert (opt_out.mobile, opt_out.reason, opt_out.recorded_by) == (
        "9839012345",
        "फ़ोन पर कहा",
        personas.state,
    )
    page = client.get(LIST).content.decode()
    assert "9839012345 — फ़ोन पर कहा" in page and "केवल ज़रूरी संदेश" in page
    withdraw = reverse("notifications:opt_out_withdraw", args=["9839012345"])
    assert client.get(withdraw).status_code == 405
    assert client.post(withdraw).status_code == 302
    assert not OptOut.objects.exists()


def test_a_number_that_is_not_a_mobile_is_refused_on_the_page(personas, client):
    client.force_login(personas.state)
    page = client.post(LIST, {"mobile": "12345"}).content.decode()
    assert "10 अंकों का सही मोबाइल नंबर ज़रूरी है।" in page
    assert not OptOut.objects.exists()
