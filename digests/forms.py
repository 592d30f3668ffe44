from django import forms
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Q

from events.models import Actor
from events.models import Meeting
from events.models import Proposal
from events.models import Statement
from events.models import Track

from .models import Frequency
from .models import Weekday
from .models import timezone_names

HOURS = [(h, f"{h:02d}:00") for h in range(24)]


def timezone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(timezone_names())]


def actor_choices(subscription=None):
    """Actors someone could follow: not merged away, and in at least one event
    (plus those the subscription already follows)."""
    followed = Q(digest_subscriptions=subscription) if subscription is not None else Q(pk__in=[])
    return (
        Actor.objects.filter(
            Q(merged_into__isnull=True)
            & (
                Exists(Statement.objects.filter(speaker=OuterRef("pk")))
                | Exists(Meeting.participants.through.objects.filter(actor=OuterRef("pk")))
                | Exists(Proposal.objects.filter(proposer=OuterRef("pk")))
            )
            | followed
        )
        .distinct()
        .order_by("name")
        .only("id", "name")
    )


class PreferencesForm(forms.Form):
    tracks = forms.ModelMultipleChoiceField(
        queryset=Track.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one negotiation to follow."},
    )
    actors = forms.ModelMultipleChoiceField(
        queryset=Actor.objects.none(),  # set in __init__
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Optional. Only events involving one of them; none chosen means everything in the negotiations.",
    )
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.DAILY, widget=forms.RadioSelect)
    hour = forms.TypedChoiceField(choices=HOURS, coerce=int, initial=7, label="At")
    weekday = forms.TypedChoiceField(choices=Weekday.choices, coerce=int, initial=Weekday.MONDAY, label="On (weekly)")
    timezone_name = forms.ChoiceField(label="Time zone", initial="UTC")

    def __init__(self, *args, subscription=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Validated against zoneinfo's list: an unknown name is refused here.
        self.fields["timezone_name"].choices = timezone_choices()
        self.fields["actors"].queryset = actor_choices(subscription)

    @classmethod
    def initial_for(cls, subscription):
        return {
            "tracks": list(subscription.tracks.all()),
            "actors": list(subscription.actors.all()),
            "frequency": subscription.frequency,
            "hour": subscription.hour,
            "weekday": subscription.weekday,
            "timezone_name": subscription.timezone,
        }


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    field_order = ["email", "tracks", "actors", "frequency", "hour", "weekday", "timezone_name"]
