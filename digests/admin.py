from django.contrib import admin

from .models import DigestDelivery
from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "frequency",
        "hour",
        "weekday",
        "timezone",
        "confirmed_at",
        "unsubscribed_at",
        "next_due_at",
        "last_sent_at",
        "bounce_count",
    ]
    list_filter = [
        "frequency",
        "unsubscribe_reason",
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("unsubscribed_at", admin.EmptyFieldListFilter),
        "tracks",
    ]
    search_fields = ["email"]
    filter_horizontal = ["tracks"]
    raw_id_fields = ["actors"]
    readonly_fields = [
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "covered_until",
        "last_sent_at",
        "bounce_count",
    ]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["subscription", "period_start", "period_end", "status", "attempts", "sent_at", "error"]
    list_filter = ["status"]
    search_fields = ["subscription__email", "to_email", "message_id"]
    list_select_related = ["subscription"]
    readonly_fields = [f.name for f in DigestDelivery._meta.fields]

    def has_add_permission(self, request):
        return False
