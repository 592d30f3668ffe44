from django.urls import include
from django.urls import path

from . import views

app_name = "digests"

# For editors (staff only), beside the desk; then the subscriber's pages, under one prefix.
urlpatterns = [
    path("desk/digests/", views.preview, name="preview"),
    path(
        "subscribe/",
        include(
            [
                path("", views.subscribe, name="subscribe"),
                path("check-inbox/", views.check_inbox, name="check_inbox"),
                path("confirm/<str:token>/", views.confirm, name="confirm"),
                path("manage/<str:token>/", views.manage, name="manage"),
                path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
            ]
        ),
    ),
]
