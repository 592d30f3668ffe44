"""Meetings and proposals from the narrative: the meeting frames live in meetings.py, the proposal
frames in proposals.py; this module keeps the names core.py and older callers import."""

from __future__ import annotations

from .meetings import _Meeting  # noqa: F401
from .meetings import meeting_confidence
from .meetings import meetings
from .proposals import _Proposal  # noqa: F401
from .proposals import proposal_confidence
from .proposals import proposals

__all__ = ["meetings", "proposals", "meeting_confidence", "proposal_confidence"]
