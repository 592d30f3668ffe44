from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "talks_tracker editors' desk"
admin.site.site_title = "talks_tracker"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("sources.urls")),
    path("", include("events.urls")),
]
