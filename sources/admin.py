from django.contrib import admin

from .models import Article, Feed, Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "homepage"]
    list_filter = ["domain"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "active", "last_polled_at", "next_poll_at", "consecutive_failures", "last_error"]
    list_filter = ["active", "outlet", "tracks"]
    search_fields = ["name", "url", "last_error"]
    list_select_related = ["outlet"]
    filter_horizontal = ["tracks"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "consecutive_failures", "last_error", "created_at"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_at", "status", "extractor_version"]
    list_filter = ["status", "outlet", "tracks", "published_guessed", "extractor_version"]
    search_fields = ["title", "url", "text"]
    list_select_related = ["outlet"]
    raw_id_fields = ["feed"]
    date_hierarchy = "published_at"
    readonly_fields = ["url", "link", "guid", "fetched_at", "extracted_at", "extractor_version", "created_at"]
