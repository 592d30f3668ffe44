from django import forms

from events.models import Meeting
from events.models import Proposal
from events.models import Statement

from .models import EventKind


class ReasonMixin(forms.Form):
    change_reason = forms.CharField(required=False, max_length=200, label="Why (kept in the history)")


class StatementCorrectForm(forms.ModelForm, ReasonMixin):
    class Meta:
        model = Statement
        fields = ["speaker_text", "quote", "kind", "date", "date_precision", "stance", "editor_note"]
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 4}),
            "editor_note": forms.Textarea(attrs={"rows": 2}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class MeetingCorrectForm(forms.ModelForm, ReasonMixin):
    class Meta:
        model = Meeting
        fields = ["kind", "status", "date", "date_precision", "location", "editor_note"]
        widgets = {
            "editor_note": forms.Textarea(attrs={"rows": 2}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ProposalCorrectForm(forms.ModelForm, ReasonMixin):
    class Meta:
        model = Proposal
        fields = ["proposer_text", "summary", "status", "date", "date_precision", "editor_note"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "editor_note": forms.Textarea(attrs={"rows": 2}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


CORRECT_FORMS = {
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
    from events.models import Track

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
