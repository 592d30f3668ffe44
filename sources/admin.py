from django.contrib import admin
from django.contrib import messages
from django.db.models import Count
from django.utils import timezone

from . import services
from .models import Article
from .models import Feed
from .models import Outlet
from .models import Story


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "homepage"]
    list_filter = ["domain"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "active",
        "pause_reason",
        "last_polled_at",
        "next_poll_at",
        "poll_interval_display",
        "consecutive_failures",
        "last_error",
    ]
    list_filter = ["active", "pause_reason", "outlet"]
    search_fields = ["name", "url", "last_error"]
    list_select_related = ["outlet"]
    readonly_fields = [
        "backlog",
        "etag",
        "last_modified",
        "last_polled_at",
        "last_success_at",
        "consecutive_failures",
        "last_error",
        "pause_reason",
        "paused_at",
        "created_at",
    ]
    actions = ["resume", "pause"]

    @admin.display(description="Interval", ordering="poll_interval")
    def poll_interval_display(self, feed):
        minutes = feed.poll_interval // 60
        return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"

    @admin.action(description="Resume polling (clears the failure count)")
    def resume(self, request, queryset):
        self._each(request, queryset, services.resume_feed, "will be polled at the next tick")

    @admin.action(description="Pause polling")
    def pause(self, request, queryset):
        self._each(request, queryset, services.pause_feed, "paused")

    @staticmethod
    def _each(request, queryset, service, done):
        now = timezone.now()
        for feed in queryset:
            service(feed, now=now)
        messages.success(request, f"{queryset.count()} feed(s) {done}.")


class StoryArticleInline(admin.TabularInline):
    model = Article
    fields = ["title", "outlet", "published_at", "link", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["published_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("outlet")


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "first_published_at", "copies", "outlets"]
    search_fields = ["title", "articles__title"]
    date_hierarchy = "first_published_at"
    readonly_fields = ["first_published_at", "created_at"]
    inlines = [StoryArticleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                copy_count=Count("articles", distinct=True), outlet_count=Count("articles__outlet", distinct=True)
            )
        )

    @admin.display(description="Copies", ordering="copy_count")
    def copies(self, story):
        return story.copy_count

    @admin.display(description="Outlets", ordering="outlet_count")
    def outlets(self, story):
        return story.outlet_count


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "outlet",
        "published_at",
        "date_source",
        "text_source",
        "status",
        "story",
        "extractor_version",
    ]
    list_filter = [
        "status",
        "date_source",
        "text_source",
        "outlet",
        "published_guessed",
        "extractor_version",
    ]
    search_fields = ["title", "url", "text"]
    list_select_related = ["outlet", "story"]
    raw_id_fields = ["feed", "story"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "url",
        "link",
        "guid",
        "date_source",
        "fetched_at",
        "extracted_at",
        "extractor_version",
        "text_source",
        "page_error",
        "page_attempts",
        "page_retry_at",
        "created_at",
    ]
