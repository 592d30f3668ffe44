from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("desk/", views.queue, name="queue"),
    path("desk/start/", views.start, name="start"),
    path("desk/queue/<str:kind>/", views.queue, name="queue_kind"),
    path("desk/review/<str:kind>/<int:pk>/", views.review, name="review"),
    path("desk/login/<uidb64>/<token>/", views.login_link, name="login_link"),
    path("desk/sources/", views.sources, name="sources"),
    path("desk/sources/<int:pk>/", views.feed_detail, name="feed"),
    path("desk/sources/feeds.opml", views.opml_export, name="opml_export"),
    path("report/", views.report, name="report"),
]
