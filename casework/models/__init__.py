from .attachments import Attachment
from .calendar import Holiday
from .case import CONFIDENTIALITY_RANK, Case, Confidentiality, Recusal, ReferenceSequence
from .controls import PartyDigest, RecusalRule
from .held import HeldUpload
from .intake import IntakeQueue, PendingCase
from .messaging import InternalNote, Message
from .named import NamedPerson, NamedPersonMatch
from .sla import Deadline, SlaPolicy
from .timeline import TimelineEntry

__all__ = [
    "Attachment",
    "CONFIDENTIALITY_RANK",
    "Case",
    "Confidentiality",
    "Deadline",
    "HeldUpload",
    "Holiday",
    "IntakeQueue",
    "InternalNote",
    "Message",
    "NamedPerson",
    "NamedPersonMatch",
    "PartyDigest",
    "PendingCase",
    "Recusal",
    "RecusalRule",
    "ReferenceSequence",
    "SlaPolicy",
    "TimelineEntry",
]
