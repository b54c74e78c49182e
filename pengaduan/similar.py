"""Similar open complaints, suggested to the handler who triages a new one.

The same problem is often reported twice (the complainant writes again, a neighbour
reports the same queue), and LAPOR! triage archives a duplicate of an open case. Titles,
texts and identities are encrypted at rest, so the database cannot compare them: matching
happens in Python over a bounded set of candidates, fetched in one query (besides the
reader's roles, which the access policy reads) —

- complaints still open, opened within the last SIGAP_PENGADUAN_SIMILAR_DAYS days
  (default 90), that the handler may see (casework.access: policy and recusal, so a case
  hidden from them is never suggested, nor its words shown);
- those about the same kategori or the same suggested unit first, then the most recent,
  at most SIGAP_PENGADUAN_SIMILAR_CANDIDATES (default 200) of them, so the cost of a page
  does not grow with the table.

Each candidate is ranked by the words its title and text share with the complaint, with
Indonesian stop words removed and each word weighted by how rare it is among the
candidates (so "petugas", which every complaint says, counts for little and "perekaman"
for much): the cosine of the two weighted word sets, from 0 to 1. A candidate from the
same complainant (same NIK, e-mail or phone number) is always suggested, whatever its
words, because a complainant writing again is the commonest duplicate.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .models import Pengaduan
from .selectors import pengaduan_visible_to

#: A candidate with at least this score is suggested (same complainant: always). Low on
#: purpose: a missed duplicate costs the triager more than a fifth line to glance at.
MIN_SCORE = 0.1
#: How many suggestions a page shows.
SUGGESTIONS = 5
#: How many shared words explain one suggestion.
SHOWN_WORDS = 5

# Function words of Indonesian (and the politeness and filler words of complaint letters)
# that say nothing about what a complaint is about.
STOP_WORDS = frozenset(
    """
    ada adalah agar akan akhirnya aku anda antara apa apakah atas atau bagaimana bagi bahkan bahwa
    baik banyak bapak belum beliau berapa beri bersama beserta bila bisa bu buat bukan dalam dan
    dapat dari demikian dengan di dia dong hal hanya harap harus hingga ia ialah ibu ini itu jadi
    jika juga jangan kalau kami kamu kapan karena kata ke kemudian kenapa kepada ketika kita lagi
    lah lalu lebih maka mana masih melalui mengapa menjadi mereka minta mohon mungkin namun nya
    oleh orang pada padahal para per pernah pula pun saat saja sama sampai sangat satu saya se sebagai
    sebelum sebuah sedang sedangkan sehingga sejak sekali selama seperti serta sesudah setelah sini sudah supaya
    tanpa tapi telah tentang terhadap terima kasih tersebut tetapi tidak tolong untuk yaitu yakni
    yang
    """.split()
)

_WORD = re.compile(r"\w+")


def window_days() -> int:
    """How far back candidates are looked for (SIGAP_PENGADUAN_SIMILAR_DAYS)."""
    return int(getattr(settings, "SIGAP_PENGADUAN_SIMILAR_DAYS", 90))


def candidate_limit() -> int:
    """How many candidates are compared at most (SIGAP_PENGADUAN_SIMILAR_CANDIDATES)."""
    return int(getattr(settings, "SIGAP_PENGADUAN_SIMILAR_CANDIDATES", 200))


def words(text: str) -> set[str]:
    """The content words of a text: lower case, stop words, one- and two-letter words
    and the possessive "-nya" removed ("antreannya" and "antrean" are one word)."""
    found = set()
    for word in _WORD.findall((text or "").lower()):
        if len(word) > 6 and word.endswith("nya"):
            word = word[:-3]
        if len(word) >= 3 and word not in STOP_WORDS and not word.startswith("_"):
            found.add(word)
    return found


def _digits(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    # 0812… and +62 812… are the same Indonesian mobile number.
    return "0" + digits[2:] if digits.startswith("62") else digits


def same_complainant(a: Pengaduan, b: Pengaduan) -> bool:
    """Whether two complaints name the same NIK, e-mail address or phone number."""
    pairs = [
        (a.nik, b.nik),
        ((a.email or "").lower(), (b.email or "").lower()),
        (_digits(a.telepon), _digits(b.telepon)),
    ]
    return any(x and x == y for x, y in pairs)


@dataclass(frozen=True)
class Suggestion:
    """A complaint that may be the same as the one being triaged, and why."""

    case: Pengaduan
    score: float
    shared_words: list[str] = field(default_factory=list)
    same_complainant: bool = False
    same_kategori: bool = False
    same_unit_tujuan: bool = False


def candidates(case: Pengaduan, user):
    """The open complaints `user` may see that are compared with `case` (bounded)."""
    since = timezone.now() - timedelta(days=window_days())
    related = models.Q(kategori_id=case.kategori_id)
    if case.unit_tujuan_id is not None:
        related |= models.Q(unit_tujuan_id=case.unit_tujuan_id)
    return (
        pengaduan_visible_to(user)
        .filter(closed_at__isnull=True, opened_at__gte=since)
        .exclude(pk=case.pk)
        .annotate(related=models.Case(models.When(related, then=1), default=0, output_field=models.IntegerField()))
        .select_related("kategori")
        .only(
            "reference",
            "state",
            "kind",
            "title",
            "isi",
            "opened_at",
            "closed_at",
            "kategori__name",
            "unit_tujuan_id",
            "nik",
            "email",
            "telepon",
        )
        .order_by("-related", "-opened_at", "-pk")[: candidate_limit()]
    )


def similar_open_complaints(case: Pengaduan, user, *, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Open complaints that may be the same as `case`, best first, among those `user`
    may see. Call for the handler triaging `case`; one query, then Python."""
    pool = list(candidates(case, user))
    if not pool:
        return []
    own = words(f"{case.title} {case.isi}")
    texts = {other.pk: words(f"{other.title} {other.isi}") for other in pool}
    # Rarer words weigh more: inverse document frequency over the complaint and its pool.
    frequency: dict[str, int] = {}
    for vocabulary in [own, *texts.values()]:
        for word in vocabulary:
            frequency[word] = frequency.get(word, 0) + 1
    documents = len(pool) + 1

    def weight(word: str) -> float:
        return math.log((documents + 1) / (frequency[word] + 1)) + 1

    own_norm = math.sqrt(sum(weight(w) ** 2 for w in own))
    suggestions = []
    for other in pool:
        theirs = texts[other.pk]
        shared = own & theirs
        norm = own_norm * math.sqrt(sum(weight(w) ** 2 for w in theirs))
        score = sum(weight(w) ** 2 for w in shared) / norm if norm else 0.0
        same_person = same_complainant(case, other)
        if score < MIN_SCORE and not same_person:
            continue
        suggestions.append(
            Suggestion(
                case=other,
                score=round(score, 3),
                shared_words=sorted(shared, key=lambda w: (-weight(w), w))[:SHOWN_WORDS],
                same_complainant=same_person,
                same_kategori=other.kategori_id == case.kategori_id,
                same_unit_tujuan=case.unit_tujuan_id is not None and other.unit_tujuan_id == case.unit_tujuan_id,
            )
        )
    suggestions.sort(key=lambda s: (-s.same_complainant, -s.score, -s.case.opened_at.timestamp()))
    return suggestions[:limit]
