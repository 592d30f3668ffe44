from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Editors set their password from the link `createeditor` prints (admin's own templates).
    path(
        "accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("", include("sources.urls")),
    path("", include("events.urls")),
    path("", include("digests.urls")),
    path("", include("desk.urls")),
]
