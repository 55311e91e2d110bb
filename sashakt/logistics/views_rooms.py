"""Pages of hostel rooms: a venue's blocks and rooms, a batch's rooms (allocate, move, needs,
arrivals), the room list and the door list (PDF). Every write goes through `services_rooms`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.refusals import refused_message, refused_to_form
from sashakt.logistics import rooms_documents
from sashakt.logistics import services_rooms as services
from sashakt.logistics.forms_rooms import BlockForm, MoveForm, RoomForm
from sashakt.logistics.models import Bed, HostelBlock, Room
from sashakt.logistics.rules_rooms import (
    ROOMS_MANAGING_ROLES,
    ROOMS_PAGE_ROLES,
    may_allocate,
    may_manage_rooms,
)
from sashakt.logistics.selectors_rooms import (
    STAYING,
    batch_rooms,
    batches_sharing_beds,
    blocks_of_venue,
    free_beds,
    room_counts,
    venues_for_user,
)
from sashakt.nominations.models import Nomination
from sashakt.nominations.selectors import nominations_for_user
from sashakt.programmes.models import Batch, Venue
from sashakt.programmes.selectors import batches_for_user


def _visible_batch(request: HttpRequest, pk: int) -> Batch:
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    assert isinstance(batch, Batch)
    return batch


def _managed_batch(request: HttpRequest, pk: int) -> Batch:
    batch = _visible_batch(request, pk)
    if not may_allocate(request.user, batch):
        raise PermissionDenied
    return batch


def _staying_nomination(request: HttpRequest, batch: Batch, nomination_pk: int) -> Nomination:
    nomination = get_scoped_or_404(
        request.user,
        nominations_for_user(request.user).filter(batch=batch, status__in=STAYING),
        nomination_pk,
    )
    assert isinstance(nomination, Nomination)
    return nomination


# ---- Venues: blocks and rooms ----------------------------------------------------------


@role_required(*ROOMS_MANAGING_ROLES)
def venue_list(request: HttpRequest) -> HttpResponse:
    venues = venues_for_user(request.user).order_by("institute__short_name", "name_en")
    return render(request, "logistics/rooms/venue_list.html", {"venues": venues})


@role_required(*ROOMS_MANAGING_ROLES)
def venue_rooms(request: HttpRequest, pk: int) -> HttpResponse:
    venue = get_scoped_or_404(request.user, venues_for_user, pk)
    assert isinstance(venue, Venue)
    block_form, room_form = BlockForm(prefix="block"), RoomForm(prefix="room")
    if request.method == "POST":
        if "block-name_en" in request.POST:
            block_form = BlockForm(request.POST, prefix="block")
            if block_form.is_valid():
                try:
                    services.block_save(user=request.user, venue=venue, **block_form.cleaned_data)
                    return redirect("logistics:rooms_venue", venue.pk)
                except services.RoomsRefused as refusal:
                    refused_to_form(block_form, refusal)
        else:
            room_form = RoomForm(request.POST, prefix="room")
            block = get_object_or_404(HostelBlock, venue=venue, pk=request.POST.get("block") or 0)
            if room_form.is_valid():
                try:
                    services.room_save(user=request.user, block=block, **room_form.cleaned_data)
                    return redirect("logistics:rooms_venue", venue.pk)
                except services.RoomsRefused as refusal:
                    refused_to_form(room_form, refusal)
    blocks = list(blocks_of_venue(venue))
    return render(
        request,
        "logistics/rooms/venue_rooms.html",
        {
            "venue": venue,
            "blocks": blocks,
            "beds": sum(room.beds for block in blocks for room in block.rooms.all()),
            "block_form": block_form,
            "room_form": room_form,
        },
    )


@role_required(*ROOMS_MANAGING_ROLES)
def room_edit(request: HttpRequest, pk: int) -> HttpResponse:
    room = get_object_or_404(
        Room.objects.select_related("block__venue"),
        pk=pk,
        block__venue__in=venues_for_user(request.user),
    )
    initial = {f: getattr(room, f) for f in ("number", "floor", "beds", "gender", "accessible")}
    form = RoomForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.room_save(user=request.user, block=room.block, room=room, **form.cleaned_data)
            return redirect("logistics:rooms_venue", room.block.venue_id)
        except services.RoomsRefused as refusal:
            refused_to_form(form, refusal)
    return render(request, "logistics/rooms/room_edit.html", {"room": room, "form": form})


# ---- A batch's rooms -------------------------------------------------------------------


@role_required(*ROOMS_PAGE_ROLES)
def batch_rooms_page(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _visible_batch(request, pk)
    people, rooms = batch_rooms(batch, request.user)
    may_change = may_allocate(request.user, batch)
    return render(
        request,
        "logistics/rooms/batch_rooms.html",
        {
            "batch": batch,
            "people": people,
            "rooms": rooms,
            "without_bed": [row for row in people if row.bed is None],
            "counts": room_counts(batch) if may_change else None,
            "sharing": batches_sharing_beds(batch) if may_change else (),
            "may_change": may_change,
            "may_manage_venue": may_manage_rooms(request.user, batch.venue),
        },
    )


@require_POST
@role_required(*ROOMS_MANAGING_ROLES)
def batch_allocate(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _managed_batch(request, pk)
    try:
        placed = services.rooms_allocate(user=request.user, batch=batch)
        messages.success(request, _("Beds given: %(placed)d.") % {"placed": placed})
    except services.RoomsRefused as refusal:
        refused_message(request, refusal)
    return redirect("logistics:rooms_batch", batch.pk)


@role_required(*ROOMS_MANAGING_ROLES)
def stay_move(request: HttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    batch = _managed_batch(request, pk)
    nomination = _staying_nomination(request, batch, nomination_pk)
    beds = [
        (
            bed,
            _("%(room)s, floor %(floor)s, bed %(bed)s (%(rule)s%(accessible)s)")
            % {
                "room": bed.room,
                "floor": bed.room.floor,
                "bed": bed.number,
                "rule": bed.room.get_gender_display(),
                "accessible": _(", accessible") if bed.room.accessible else "",
            },
        )
        for bed in free_beds(batch)
    ]
    form = MoveForm(request.POST or None, beds=beds)
    if request.method == "POST" and form.is_valid():
        bed = get_object_or_404(Bed, pk=form.cleaned_data["bed"])
        try:
            services.stay_move(
                user=request.user,
                nomination=nomination,
                bed=bed,
                reason=form.cleaned_data["reason"],
            )
            return redirect("logistics:rooms_batch", batch.pk)
        except services.RoomsRefused as refusal:
            refused_to_form(form, refusal)
    current = getattr(nomination, "stay", None)
    return render(
        request,
        "logistics/rooms/stay_move.html",
        {"batch": batch, "nomination": nomination, "form": form, "current": current},
    )


@require_POST
@role_required(*ROOMS_MANAGING_ROLES)
def room_need(request: HttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    batch = _managed_batch(request, pk)
    nomination = _staying_nomination(request, batch, nomination_pk)
    try:
        services.room_need_set(
            user=request.user,
            person=nomination.person,
            batch=batch,
            accessible_room=request.POST.get("accessible_room") == "1",
            note=request.POST.get("note", ""),
        )
    except services.RoomsRefused as refusal:
        refused_message(request, refusal)
    return redirect("logistics:rooms_batch", batch.pk)


@require_POST
@role_required(*ROOMS_MANAGING_ROLES)
def stay_arrival(request: HttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    batch = _managed_batch(request, pk)
    nomination = _staying_nomination(request, batch, nomination_pk)
    try:
        services.stay_arrival_record(
            user=request.user,
            nomination=nomination,
            departed=request.POST.get("what") == "departed",
        )
    except services.RoomsRefused as refusal:
        refused_message(request, refusal)
    return redirect("logistics:rooms_batch", batch.pk)


@require_POST
@role_required(*ROOMS_MANAGING_ROLES)
def arrivals_from_hall(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _managed_batch(request, pk)
    try:
        filled = services.stays_arrival_from_hall(user=request.user, batch=batch)
        messages.success(
            request, _("Arrivals taken from the hall check-in: %(filled)d.") % {"filled": filled}
        )
    except services.RoomsRefused as refusal:
        refused_message(request, refusal)
    return redirect("logistics:rooms_batch", batch.pk)


# ---- Documents -------------------------------------------------------------------------


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@role_required(*ROOMS_PAGE_ROLES)
def room_list_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The batch's room list; a district officer's holds their own district's people only."""
    batch = _visible_batch(request, pk)
    _people, rooms = batch_rooms(batch, request.user)
    data = rooms_documents.room_list_pdf(batch, [r for r in rooms if r.sleepers])
    return _pdf(data, f"room-list-{batch.pk}-{timezone.localdate():%Y%m%d}.pdf")


@role_required(*ROOMS_MANAGING_ROLES)
def door_list_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _managed_batch(request, pk)
    _people, rooms = batch_rooms(batch, request.user)
    return _pdf(
        rooms_documents.door_list_pdf(batch, [r for r in rooms if r.sleepers]),
        f"door-list-{batch.pk}.pdf",
    )
