from django.urls import path

from . import views
from .feeds import TrackAtomFeed

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("tracks/<slug:slug>/", views.track_detail, name="track"),
    path("tracks/<slug:slug>/feed.atom", TrackAtomFeed(), name="track_atom"),
    path("tracks/<slug:slug>/meetings.ics", views.track_calendar, name="track_ics"),
    path("tracks/<slug:slug>/events.json", views.track_events_json, name="track_json"),
    path("tracks/<slug:slug>/events.csv", views.track_events_csv, name="track_csv"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
]
