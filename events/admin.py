"""The editors' desk: review queues, annotation, corrections, bulk actions and actor merges.

Every save goes through events.services, which locks the corrected fields
against re-extraction and records who changed what, and why, in the history.
"""

import re

from django import forms
from django.contrib import admin
from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from sources.admin import ArticleAdmin
from sources.admin import FeedAdmin
from sources.models import Article
from sources.models import Feed
from sources.models import Outlet

from . import services
from .models import Actor
from .models import Meeting
from .models import MeetingSource
from .models import MeetingStatusChange
from .models import Proposal
from .models import ProposalSource
from .models import ProposalStatusChange
from .models import ReviewStatus
from .models import Stance
from .models import Statement
from .models import StatementSource
from .models import Tag
from .models import Track
from .models import actor_name


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "keywords", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["actors"]
    # The track's feeds are chosen here (Feed's admin shows them read-only); its articles follow
    # from the feeds and keywords, and are far too many for a form field.
    filter_horizontal = ["feeds"]
    exclude = ["articles"]


# --- Feeds and articles with their tracks -------------------------------------------
# The relation is declared on Track (above sources in the layers), so sources' admin pages
# name no track: these subclasses add the tracks, read-only (a track's feeds are chosen on
# the Track page), and the filter by track.


@admin.display(description="Tracks")
def track_names(obj: Feed | Article) -> str:
    return ", ".join(t.name for t in obj.tracks.all()) or "-"


def _inserted(items: list, item: object, *, after: str | None = None) -> list:
    """items with item put after the entry `after` (first when None): the place it had on sources' pages."""
    at = items.index(after) + 1 if after else 0
    return [*items[:at], item, *items[at:]]


admin.site.unregister(Feed)
admin.site.unregister(Article)


@admin.register(Feed)
class FeedWithTracksAdmin(FeedAdmin):
    list_filter = [*FeedAdmin.list_filter, "tracks"]
    readonly_fields = _inserted(FeedAdmin.readonly_fields, track_names)


@admin.register(Article)
class ArticleWithTracksAdmin(ArticleAdmin):
    list_filter = _inserted(ArticleAdmin.list_filter, "tracks", after="outlet")
    readonly_fields = _inserted(ArticleAdmin.readonly_fields, track_names, after="extractor_version")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    list_filter = []
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


# --- Filters --------------------------------------------------------------------


class OutletFilter(admin.SimpleListFilter):
    title = "outlet"
    parameter_name = "outlet"

    def lookups(self, request, model_admin):
        return [(o.pk, o.name) for o in Outlet.objects.order_by("name")]

    def queryset(self, request, queryset):
        # An id from the sidebar or a slug typed into the address; anything else matches nothing (never a 500).
        value = (self.value() or "").strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(sources__article__outlet_id=int(value)).distinct()
        return queryset.filter(sources__article__outlet__slug=value).distinct()


class ConfidenceFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"
    RANGES = {"low": (0, 0.5), "medium": (0.5, 0.75), "high": (0.75, 1.01)}

    def lookups(self, request, model_admin):
        return [("low", "Low (< 0.5)"), ("medium", "Medium"), ("high", "High (>= 0.75)")]

    def queryset(self, request, queryset):
        if self.value() in self.RANGES:
            low, high = self.RANGES[self.value()]
            return queryset.filter(confidence__gte=low, confidence__lt=high)
        return queryset


class ActorFilter(admin.SimpleListFilter):
    """By actor, without listing thousands of actors: ?actor=<slug or id>."""

    title = "actor"
    parameter_name = "actor"
    field = "speaker"

    def lookups(self, request, model_admin):
        top = (
            Actor.objects.filter(merged_into=None)
            .annotate(n=Count(self.related_name))
            .filter(n__gt=0)
            .order_by("-n")[:15]
        )
        return [(a.pk, a.name) for a in top]

    related_name = "statements"

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        if not value:
            return queryset
        if value.isdigit():
            return queryset.filter(**{self.field: int(value)}).distinct()
        return queryset.filter(**{f"{self.field}__slug": value}).distinct()


class ParticipantFilter(ActorFilter):
    field = "participants"
    related_name = "meetings"


class ProposerFilter(ActorFilter):
    field = "proposer"
    related_name = "proposals"


# --- Sources shown to editors ---------------------------------------------------------


def highlight(sentence, quote):
    """The source sentence with the quoted words marked."""
    sentence = sentence or ""
    if not quote:
        return escape(sentence)
    words = [re.escape(w) for w in quote.split()[:80]]
    pattern = r"[\s\"'“”‘’,.;:]*".join(words)
    match = re.search(pattern, sentence, flags=re.IGNORECASE) if words else None
    if not match:
        return escape(sentence)
    return format_html(
        "{}<mark>{}</mark>{}", sentence[: match.start()], sentence[match.start() : match.end()], sentence[match.end() :]
    )


class SourceInline(admin.TabularInline):
    extra = 0
    can_delete = False
    fields = ["article_link", "outlet", "published", "quoted_sentence"]
    readonly_fields = fields
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "article__outlet")

    @admin.display(description="Article")
    def article_link(self, source):
        article = source.article
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            article.link or article.url,
            article.title or article.url,
        )

    @admin.display(description="Outlet")
    def outlet(self, source):
        return source.article.outlet.name if source.article.outlet else "-"

    @admin.display(description="Published")
    def published(self, source):
        return source.article.published_at

    def event_text(self, source):
        return ""

    @admin.display(description="Sentence")
    def quoted_sentence(self, source):
        return highlight(source.sentence, self.event_text(source))


class StatementSourceInline(SourceInline):
    model = StatementSource

    def event_text(self, source):
        return source.statement.quote


class MeetingSourceInline(SourceInline):
    model = MeetingSource
    fields = SourceInline.fields + ["reported_status"]
    readonly_fields = fields


class ProposalSourceInline(SourceInline):
    model = ProposalSource
    fields = SourceInline.fields + ["reported_status"]
    readonly_fields = fields


class MeetingHistoryInline(admin.TabularInline):
    model = MeetingStatusChange
    extra = 0
    can_delete = False
    fields = ["status", "date", "location", "reported_on", "article", "by_editor"]
    readonly_fields = fields
    verbose_name_plural = "status history"

    def has_add_permission(self, request, obj=None):
        return False


class ProposalHistoryInline(admin.TabularInline):
    model = ProposalStatusChange
    extra = 0
    can_delete = False
    fields = ["status", "reported_on", "article", "by_editor"]
    readonly_fields = fields
    verbose_name_plural = "status history"

    def has_add_permission(self, request, obj=None):
        return False


# --- Bulk actions ---------------------------------------------------------------------


class BulkTagForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(queryset=Tag.objects.all(), required=False)
    new_tags = forms.CharField(required=False, help_text="Comma-separated new tags.")
    reason = forms.CharField(required=False, max_length=200)


def _bulk_edit(modeladmin, request, queryset, changes, label):
    n = 0
    for event in queryset:
        services.edit_event(event, changes=changes, user=request.user, reason=f"Bulk action: {label}")
        n += 1
    modeladmin.message_user(request, f"{label}: {n} item(s).", messages.SUCCESS)


@admin.action(description="Confirm selected", permissions=["change"])
def confirm(modeladmin, request, queryset):
    _bulk_edit(modeladmin, request, queryset, {"review_status": ReviewStatus.CONFIRMED}, "Confirmed")


@admin.action(description="Reject selected (hidden from the public site, kept here)", permissions=["change"])
def reject(modeladmin, request, queryset):
    _bulk_edit(modeladmin, request, queryset, {"review_status": ReviewStatus.REJECTED}, "Rejected")


def _stance_action(stance):
    def action(modeladmin, request, queryset):
        _bulk_edit(modeladmin, request, queryset, {"stance": stance.value}, f"Stance set to {stance.label.lower()}")

    action.__name__ = f"set_stance_{stance.value}"
    return admin.action(description=f"Set stance: {stance.label.lower()}", permissions=["change"])(action)


@admin.action(description="Tag selected…", permissions=["change"])
def tag_selected(modeladmin, request, queryset):
    if "apply" in request.POST:
        form = BulkTagForm(request.POST)
        if form.is_valid():
            tags = list(form.cleaned_data["tags"])
            for name in (t.strip() for t in form.cleaned_data["new_tags"].split(",")):
                if name:
                    tags.append(services.get_or_create_tag(name))
            for statement in queryset:
                services.edit_event(
                    statement,
                    changes={"tags": [*statement.tags.all(), *tags]},
                    user=request.user,
                    reason=form.cleaned_data["reason"] or "Bulk action: tagged",
                )
            modeladmin.message_user(request, f"Tagged {queryset.count()} statement(s).", messages.SUCCESS)
            return None
    else:
        form = BulkTagForm()
    return TemplateResponse(
        request,
        "admin/events/bulk_tag.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Tag statements",
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "opts": modeladmin.model._meta,
        },
    )


# --- Event admins ---------------------------------------------------------------------


class EventForm(forms.ModelForm):
    change_reason = forms.CharField(
        required=False, max_length=200, help_text="Why you changed this (kept in the history)."
    )


# The last columns of the meetings' and proposals' lists: the editors' queue.
EVENT_COLUMNS = ["review_status", "confidence", "source_count", "review_link"]


def _fieldsets(main: list[str], *, review: list[str] | None = None) -> list:
    """An event's form: its own fields, then the editors' review (with any extra review fields
    after the status), then the record, folded."""
    return [
        (None, {"fields": main}),
        (
            "Review",
            {"fields": ["review_status", *(review or []), "featured", "editor_note", "private_note", "change_reason"]},
        ),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": ["tracks", "reported_on", "locked_fields", "confidence", "created_at", "updated_at"],
            },
        ),
    ]


class EventAdmin(SimpleHistoryAdmin):
    form = EventForm
    actions = [confirm, reject]
    ordering = ["-review_status", "-created_at"]  # unreviewed > rejected > confirmed: the queue comes first

    class Media:
        css = {"all": ["desk/desk.css"]}  # the quote/summary column gets the room

    @admin.display(description="Review")
    def review_link(self, obj):
        # The desk's review screen: the evidence beside the extraction, keyboard shortcuts.
        return format_html('<a href="{}">review</a>', reverse("desk:review", args=[obj._meta.model_name, obj.pk]))

    @admin.display(description="Date", ordering="date")
    def date_display(self, obj):
        # No date of its own: say when it was first reported rather than "-".
        if obj.date:
            return obj.date.strftime("%-d %b %Y")
        return f"reported {obj.reported_on:%-d %b %Y}" if obj.reported_on else "undated"

    list_per_page = 50
    show_full_result_count = False  # no COUNT(*) over the whole table on every page
    history_list_display = ["review_status"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources", distinct=True))

    @admin.display(description="Sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        changed = [f for f in form.changed_data if f != "change_reason"]
        # m2m fields are saved after save_model; record_editor_change only needs their names.
        services.record_editor_change(
            obj,
            changed_fields=changed,
            user=request.user,
            reason=form.cleaned_data.get("change_reason") or "Edited in the admin",
        )

    def has_delete_permission(self, request, obj=None):
        # Rejected, never deleted: the audit trail must stay whole.
        return request.user.is_superuser


@admin.register(Statement)
class StatementAdmin(EventAdmin):
    list_display = [
        "quote_short",
        "speaker_display",
        "date_display",
        "review_status",
        "stance",
        "confidence",
        "source_count",
        "review_link",
    ]
    list_filter = [
        "review_status",
        "stance",
        "tracks",
        ActorFilter,
        OutletFilter,
        ConfidenceFilter,
        "date",
        "featured",
        "tags",
    ]
    search_fields = ["quote", "speaker_text", "speaker__name", "editor_note"]
    list_select_related = ["speaker"]
    autocomplete_fields = ["speaker"]
    filter_horizontal = ["tags"]
    readonly_fields = ["reported_on", "locked_fields", "confidence", "created_at", "updated_at"]
    fieldsets = _fieldsets(
        ["speaker", "speaker_text", "quote", "kind", "date", "date_precision"], review=["stance", "tags"]
    )
    inlines = [StatementSourceInline]
    actions = [confirm, reject, tag_selected, *[_stance_action(s) for s in Stance]]

    @admin.display(description="Quote")
    def quote_short(self, obj):
        return obj.quote[:200]

    @admin.display(description="Speaker", ordering="speaker__name")
    def speaker_display(self, obj):
        return actor_name(obj.speaker, obj.speaker_text, missing="—")


@admin.register(Meeting)
class MeetingAdmin(EventAdmin):
    list_display = [
        "__str__",
        "kind",
        "location",
        "date_display",
        "status",
        *EVENT_COLUMNS,
    ]
    list_filter = [
        "review_status",
        "status",
        "kind",
        "tracks",
        ParticipantFilter,
        OutletFilter,
        ConfidenceFilter,
        "date",
    ]
    search_fields = ["location", "participants__name", "editor_note"]
    autocomplete_fields = ["participants"]
    readonly_fields = ["reported_on", "locked_fields", "confidence", "participant_names", "created_at", "updated_at"]
    fieldsets = _fieldsets(
        ["kind", "status", "date", "date_precision", "location", "participants", "participant_names"]
    )
    inlines = [MeetingHistoryInline, MeetingSourceInline]


@admin.register(Proposal)
class ProposalAdmin(EventAdmin):
    list_display = [
        "summary_short",
        "proposer",
        "date_display",
        "status",
        *EVENT_COLUMNS,
    ]
    list_filter = ["review_status", "status", "tracks", ProposerFilter, OutletFilter, ConfidenceFilter, "date"]
    search_fields = ["summary", "proposer__name", "proposer_text", "editor_note"]
    list_select_related = ["proposer"]
    autocomplete_fields = ["proposer"]
    readonly_fields = ["reported_on", "locked_fields", "confidence", "created_at", "updated_at"]
    fieldsets = _fieldsets(["proposer", "proposer_text", "summary", "status", "date", "date_precision"])
    inlines = [ProposalHistoryInline, ProposalSourceInline]

    @admin.display(description="Summary")
    def summary_short(self, obj):
        return obj.summary[:120]


# --- Actors ---------------------------------------------------------------------------


@admin.action(description="Merge selected actors…", permissions=["change"])
def merge_selected(modeladmin, request, queryset):
    actors = list(
        queryset.annotate(
            n_statements=Count("statements", distinct=True),
            n_meetings=Count("meetings", distinct=True),
            n_proposals=Count("proposals", distinct=True),
        ).order_by("name")
    )
    if len(actors) < 2:
        modeladmin.message_user(request, "Select at least two actors to merge.", messages.WARNING)
        return None
    if request.POST.get("confirm_merge"):
        keep = next((a for a in actors if str(a.pk) == request.POST.get("keep")), None)
        if keep is None:
            modeladmin.message_user(request, "Choose the actor to keep.", messages.ERROR)
        else:
            others = [a for a in actors if a.pk != keep.pk]
            result = services.merge_actors(
                keep,
                others=others,
                user=request.user,
                reason=request.POST.get("reason") or f"Merged in the admin into {keep.name}",
            )
            modeladmin.message_user(
                request,
                f"Merged {result.actors} actor(s) into {keep.name}: moved {result.statements} statement(s), "
                f"{result.meetings} meeting(s), {result.proposals} proposal(s).",
                messages.SUCCESS,
            )
            return None
    return TemplateResponse(
        request,
        "admin/events/merge_actors.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Merge actors",
            "actors": actors,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "opts": modeladmin.model._meta,
        },
    )


@admin.action(description="Mark selected actors confirmed", permissions=["change"])
def confirm_actors(modeladmin, request, queryset):
    n = services.confirm_actors(actors=queryset, user=request.user)
    modeladmin.message_user(request, f"Confirmed {n} actor(s).", messages.SUCCESS)


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "title", "confirmed", "merged_into"]
    list_filter = ["confirmed", "kind", "country"]
    search_fields = ["name", "title", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["merged_into"]
    autocomplete_fields = ["merged_into"]
    actions = [merge_selected, confirm_actors]
    list_per_page = 100
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


admin.site.site_header = "talks_tracker editors' desk"
admin.site.enable_nav_sidebar = False  # with the filter sidebar it squeezed the quote column to ~80 px
admin.site.site_title = "talks_tracker"
admin.site.index_title = "Review queue"


# Provenance and lifecycle rows, read-only: they change only through extraction and edits.
class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 100
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(StatementSource, MeetingSource, ProposalSource)
class SourceLinkAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "article", "sentence", "item_key"]
    list_filter = ["article__outlet"]
    search_fields = ["sentence", "article__title", "article__url"]
    list_select_related = ["article"]


@admin.register(MeetingStatusChange)
class MeetingStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "status", "date", "location", "reported_on", "by_editor", "article"]
    list_filter = ["status", "by_editor", "reported_on"]
    search_fields = ["meeting__location", "article__title"]
    list_select_related = ["meeting", "article"]


@admin.register(ProposalStatusChange)
class ProposalStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "status", "reported_on", "by_editor", "article"]
    list_filter = ["status", "by_editor", "reported_on"]
    search_fields = ["proposal__summary", "article__title"]
    list_select_related = ["proposal", "proposal__proposer", "article"]
