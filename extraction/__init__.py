"""Rule-based extraction of actors, statements, meetings and proposals from news text.

Plain Python (no Django): Django calls ``extract`` and stores the result.
"""

from .core import VERSION
from .core import extract
from .types import ActorItem
from .types import Extraction
from .types import KnownActor
from .types import MeetingItem
from .types import ProposalItem
from .types import StatementItem

__all__ = [
    "extract",
    "VERSION",
    "Extraction",
    "KnownActor",
    "ActorItem",
    "StatementItem",
    "MeetingItem",
    "ProposalItem",
]
