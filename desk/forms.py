from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.admin.widgets import AutocompleteSelectMultiple

from events.actors import ActorIndex
from events.models import Meeting
from events.models import Proposal
from events.models import Statement
from events.models import Track

from .models import EventKind


class ReasonMixin(forms.Form):
    change_reason = forms.CharField(required=False, max_length=200, label="Why (kept in the history)")


def _widgets(model, *, actor: str = "", actors: str = "", text: str = "", rows: int = 0) -> dict:
    """The correction forms' widgets: the date picker, a short note box, the admin's own actor
    autocomplete (it searches the actors' names, titles and aliases) and the main text box."""
    widgets: dict = {
        "editor_note": forms.Textarea(attrs={"rows": 2}),
        "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    }
    if actor:
        widgets[actor] = AutocompleteSelect(model._meta.get_field(actor), admin.site)
    if actors:
        widgets[actors] = AutocompleteSelectMultiple(model._meta.get_field(actors), admin.site)
    if text:
        widgets[text] = forms.Textarea(attrs={"rows": rows})
    return widgets


class CanonicalActorsMixin(forms.Form):
    """An actor merged into another (the autocomplete still lists it) stands for the one it was
    merged into, as everywhere else on the site."""

    def clean(self):
        data = super().clean()
        for name in ("speaker", "proposer", "participants"):
            value = data.get(name)
            if name == "participants" and value is not None:
                data[name] = list({a.pk: a for a in map(ActorIndex.canonical, value)}.values())
            elif value is not None:
                data[name] = ActorIndex.canonical(value)
        return data


class ActorCorrectMixin(CanonicalActorsMixin):
    """The linked actor (speaker, proposer): pick one, or name a new one, added unconfirmed."""

    new_actor = forms.CharField(
        required=False,
        max_length=200,
        label="Or a new actor",
        help_text="Typed name: an actor with that name or alias is linked; otherwise one is added, unconfirmed.",
    )


class StatementCorrectForm(ActorCorrectMixin, ReasonMixin, forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["speaker", "new_actor", "speaker_text", "quote", "kind", "date", "date_precision", "stance"]
        fields += ["editor_note"]
        widgets = _widgets(Statement, actor="speaker", text="quote", rows=4)
        labels = {"speaker": "Linked actor", "speaker_text": "Speaker as the article names them"}


class MeetingCorrectForm(CanonicalActorsMixin, ReasonMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "status", "date", "date_precision", "location", "participants", "editor_note"]
        widgets = _widgets(Meeting, actors="participants")


class ProposalCorrectForm(ActorCorrectMixin, ReasonMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["proposer", "new_actor", "proposer_text", "summary", "status", "date", "date_precision"]
        fields += ["editor_note"]
        widgets = _widgets(Proposal, actor="proposer", text="summary", rows=3)
        labels = {"proposer": "Linked actor", "proposer_text": "Proposer as the article names them"}


# Keyed by kind as the URL gives it (EventKind's values are those strings).
CORRECT_FORMS: dict[str, type[forms.ModelForm]] = {
    EventKind.STATEMENT: StatementCorrectForm,
    EventKind.MEETING: MeetingCorrectForm,
    EventKind.PROPOSAL: ProposalCorrectForm,
}


class ErrorReportForm(forms.Form):
    about = forms.CharField(widget=forms.HiddenInput, max_length=300)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        min_length=5,
        label="What is wrong?",
        help_text="A date, a place, a name, a quote: tell us what and, if you can, where you read otherwise.",
    )
    email = forms.EmailField(required=False, label="Your email (optional, only if you want a reply)")
    # Bots fill every field; people never see this one.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "desk-hp"}),
    )


class TracksField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _tracks():
    return TracksField(queryset=Track.objects.all(), required=False, label="Tracks")


class AddFeedForm(forms.Form):
    url = forms.CharField(max_length=2000, label="Feed address (RSS or Atom)")
    name = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracks"] = _tracks()


class OpmlImportForm(forms.Form):
    file = forms.FileField(label="OPML file")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracks"] = _tracks()
        self.fields[
            "tracks"
        ].help_text = "Added to every imported feed (a folder named like a track assigns that track too)."


class FeedTracksForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tracks"] = _tracks()
