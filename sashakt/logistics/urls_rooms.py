"""Hostel rooms' addresses, under /logistics/rooms/ (included by `logistics/urls.py`)."""

from django.urls import path

from sashakt.logistics import views_rooms as views

urlpatterns = [
    path("rooms/", views.venue_list, name="rooms_venues"),
    path("rooms/venue/<int:pk>/", views.venue_rooms, name="rooms_venue"),
    path("rooms/room/<int:pk>/", views.room_edit, name="rooms_room_edit"),
    path("rooms/batch/<int:pk>/", views.batch_rooms_page, name="rooms_batch"),
    path("rooms/batch/<int:pk>/allocate/", views.batch_allocate, name="rooms_allocate"),
    path(
        "rooms/batch/<int:pk>/arrivals-from-hall/",
        views.arrivals_from_hall,
        name="rooms_arrivals_from_hall",
    ),
    path("rooms/batch/<int:pk>/room-list.pdf", views.room_list_pdf, name="rooms_room_list"),
    path("rooms/batch/<int:pk>/door-list.pdf", views.door_list_pdf, name="rooms_door_list"),
    path(
        "rooms/batch/<int:pk>/person/<int:nomination_pk>/move/",
        views.stay_move,
        name="rooms_move",
    ),
    path(
        "rooms/batch/<int:pk>/person/<int:nomination_pk>/need/",
        views.room_need,
        name="rooms_need",
    ),
    path(
        "rooms/batch/<int:pk>/person/<int:nomination_pk>/arrival/",
        views.stay_arrival,
        name="rooms_arrival",
    ),
]
