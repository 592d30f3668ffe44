from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [path("samples/<path:path>", views.sample_file, name="sample")]
