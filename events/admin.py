from django.contrib import admin
from django.db.models import Count

from .models import Actor, Meeting, MeetingSource, Proposal, ProposalSource, Statement, StatementSource, Track


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "keywords", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "title", "confirmed", "merged_into"]
    list_filter = ["kind", "confirmed", "country"]
    search_fields = ["name", "title", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["merged_into"]
    raw_id_fields = ["merged_into"]


class SourceInline(admin.TabularInline):
    extra = 0
    raw_id_fields = ["article"]
    readonly_fields = ["sentence"]


class StatementSourceInline(SourceInline):
    model = StatementSource


class MeetingSourceInline(SourceInline):
    model = MeetingSource


class ProposalSourceInline(SourceInline):
    model = ProposalSource


class EventAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources", distinct=True))

    @admin.display(description="Sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count


@admin.register(Statement)
class StatementAdmin(EventAdmin):
    list_display = ["quote_short", "speaker", "speaker_text", "date", "review_status", "source_count"]
    list_filter = ["review_status", "kind", "tracks", "date"]
    search_fields = ["quote", "speaker_text", "speaker__name", "editor_note"]
    list_select_related = ["speaker"]
    raw_id_fields = ["speaker"]
    readonly_fields = ["quote_key", "reported_on", "created_at", "updated_at"]
    inlines = [StatementSourceInline]

    @admin.display(description="Quote")
    def quote_short(self, obj):
        return obj.quote[:90]


@admin.register(Meeting)
class MeetingAdmin(EventAdmin):
    list_display = ["__str__", "kind", "location", "date", "status", "review_status", "source_count"]
    list_filter = ["status", "kind", "review_status", "tracks", "date"]
    search_fields = ["location", "participants__name", "editor_note"]
    filter_horizontal = ["participants", "tracks"]
    readonly_fields = ["reported_on", "created_at", "updated_at"]
    inlines = [MeetingSourceInline]


@admin.register(Proposal)
class ProposalAdmin(EventAdmin):
    list_display = ["summary", "proposer", "date", "status", "review_status", "source_count"]
    list_filter = ["status", "review_status", "tracks", "date"]
    search_fields = ["summary", "proposer__name", "proposer_text", "editor_note"]
    list_select_related = ["proposer"]
    raw_id_fields = ["proposer"]
    readonly_fields = ["reported_on", "created_at", "updated_at"]
    inlines = [ProposalSourceInline]
