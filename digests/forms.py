from django import forms

from events.models import Actor, Track

from .models import Frequency, Weekday, timezone_names

HOURS = [(h, f"{h:02d}:00") for h in range(24)]


def timezone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(timezone_names())]


class PreferencesForm(forms.Form):
    tracks = forms.ModelMultipleChoiceField(
        queryset=Track.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one negotiation to follow."},
    )
    actors = forms.ModelMultipleChoiceField(
        queryset=Actor.objects.filter(merged_into__isnull=True).order_by("name").only("id", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Optional. Only events involving one of them; none chosen means everything in the negotiations.",
    )
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.DAILY, widget=forms.RadioSelect)
    hour = forms.TypedChoiceField(choices=HOURS, coerce=int, initial=7, label="At")
    weekday = forms.TypedChoiceField(
        choices=Weekday.choices, coerce=int, initial=Weekday.MONDAY, label="On (weekly)"
    )
    timezone_name = forms.ChoiceField(label="Time zone", initial="UTC")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Validated against zoneinfo's list: an unknown name is refused here.
        self.fields["timezone_name"].choices = timezone_choices()

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
