from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/check-inbox/", views.check_inbox, name="check_inbox"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscribe/manage/<str:token>/", views.manage, name="manage"),
    path("subscribe/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # For editors (staff only), beside the desk.
    path("desk/digests/", views.preview, name="preview"),
]
