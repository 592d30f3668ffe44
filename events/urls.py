from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("tracks/<slug:slug>/", views.track_detail, name="track"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
]
