from django.urls import path

from . import views
from .feeds import TrackAtomFeed

app_name = "events"

cached = views.public_cache

urlpatterns = [
    path("", cached(views.home), name="home"),
    path("events/", cached(views.all_events), name="all"),
    path("tracks/<slug:slug>/", cached(views.track_detail), name="track"),
    path("tracks/<slug:slug>/feed.atom", cached(TrackAtomFeed()), name="track_atom"),
    path("tracks/<slug:slug>/meetings.ics", cached(views.track_calendar), name="track_ics"),
    path("tracks/<slug:slug>/events.json", cached(views.track_events_json), name="track_json"),
    path("tracks/<slug:slug>/events.csv", cached(views.track_events_csv), name="track_csv"),
    path("actors/<slug:slug>/", cached(views.actor_detail), name="actor"),
    path("meetings/<int:pk>/", cached(views.meeting_detail), name="meeting"),
    path("proposals/<int:pk>/", cached(views.proposal_detail), name="proposal"),
    path("statements/<int:pk>/", cached(views.statement_detail), name="statement"),
]
