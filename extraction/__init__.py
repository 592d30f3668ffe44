"""Rule-based extraction of actors, statements, meetings and proposals from news text.

Plain Python (no Django): Django calls ``extract`` and stores the result.
"""
from .core import VERSION, extract
from .types import ActorItem, Extraction, KnownActor, MeetingItem, ProposalItem, StatementItem

__all__ = ["extract", "VERSION", "Extraction", "KnownActor", "ActorItem", "StatementItem",
           "MeetingItem", "ProposalItem"]
