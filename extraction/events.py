"""Meetings and proposals from the narrative (stage 4 for events): both are EventFrames (frames.py),
the meeting frames built in meetings.py, the proposal frames in proposals.py; this module keeps the
names core.py imports."""

from __future__ import annotations

from .frames import EventFrame
from .meetings import meeting_confidence
from .meetings import meetings
from .proposals import proposal_confidence
from .proposals import proposals

__all__ = ["EventFrame", "meetings", "proposals", "meeting_confidence", "proposal_confidence"]
