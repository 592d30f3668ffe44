from django.shortcuts import render

from . import selectors


def home(request):
    return render(
        request,
        "events/timeline.html",
        {"track": None, "tracks": selectors.tracks(), "timeline": selectors.track_timeline()},
    )


def track_detail(request, slug):
    track = selectors.get_track(slug)
    return render(
        request,
        "events/timeline.html",
        {"track": track, "tracks": selectors.tracks(), "timeline": selectors.track_timeline(track)},
    )


def actor_detail(request, slug):
    actor = selectors.get_actor(slug)
    return render(request, "events/actor.html", {"actor": actor, "timeline": selectors.actor_timeline(actor)})


def meeting_detail(request, pk):
    return render(request, "events/meeting.html", {"meeting": selectors.get_meeting(pk)})


def proposal_detail(request, pk):
    return render(request, "events/proposal.html", {"proposal": selectors.get_proposal(pk)})


def statement_detail(request, pk):
    return render(request, "events/statement.html", {"statement": selectors.get_statement(pk)})
