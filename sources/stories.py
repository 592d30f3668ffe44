"""One story, many outlets: near-duplicate articles grouped with MinHash.

A wire story (AP, Reuters, AFP...) is republished by many outlets, lightly
edited: a new headline, a dropped paragraph, a local sentence added. Each copy
is a separate Article (its own URL, its own outlet), and all copies of one
story share a Story.

How: each article's text is cut into word shingles (3 consecutive words); a
MinHash signature (datasketch, 128 permutations) estimates the Jaccard
similarity between two shingle sets. The signature is split into 32 bands of
4 rows (locality-sensitive hashing); each band's hash is stored in StoryBand,
so the candidates for an article are found with one indexed query, in any
worker process, without holding an index in memory. Candidates whose
estimated similarity is at least STORY_THRESHOLD join the article's story.

Two different reports of the same event (not copies) share few 3-word
shingles (typically J < 0.15), while a lightly edited copy keeps most of them
(J > 0.6), so the threshold has a wide margin on both sides.
"""

import re
from datetime import timedelta

import numpy as np
from django.db import connection
from django.db import models
from django.db import transaction

from .models import Article
from .models import Story
from .models import StoryBand

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
SEED = 1
# Estimated Jaccard similarity of shingle sets at or above which two texts are copies.
STORY_THRESHOLD = 0.5
# Shorter texts give too few shingles for a meaningful comparison.
MIN_WORDS = 40
# Copies of one story are published within days of each other.
WINDOW = timedelta(days=14)
STORY_LOCK_ID = 0x5709_1E5  # PostgreSQL advisory lock id for grouping

_WORD = re.compile(r"\w+", re.UNICODE)
SCHEME = "affine32"  # datasketch 2: 32-bit values, collision-free permutations
_permutations = None


def _minhash():
    """A fresh MinHash sharing one set of permutations (datasketch is imported on first use:
    importing it costs a second, which a worker that never groups need not pay)."""
    global _permutations
    from datasketch import MinHash

    if _permutations is None:
        _permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations, scheme=SCHEME)


def words(text):
    return _WORD.findall((text or "").lower())


def shingles(text, size=SHINGLE_WORDS):
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def signature(text):
    """MinHash signature (NUM_PERM uint32 values) of the text, or None when it is too short."""
    if len(words(text)) < MIN_WORDS:
        return None
    minhash = _minhash()
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash.hashvalues.astype(np.uint32)


def similarity(sig_a, sig_b):
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(sig_a == sig_b)) / NUM_PERM


_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F], dtype=np.uint64)
_BAND_SALT = (np.arange(BANDS, dtype=np.uint64) + np.uint64(1)) * np.uint64(0x165667B19E3779F9)


def band_keys(sig):
    """One signed 64-bit key per band; the band's index is part of the key.

    Each band's four 32-bit values are packed into two 64-bit words and mixed
    with odd multipliers (wrapping arithmetic): deterministic in every process."""
    words = np.ascontiguousarray(sig, dtype=np.uint32).view(np.uint64).reshape(BANDS, ROWS // 2)
    with np.errstate(over="ignore"):
        mixed = (words * _BAND_MIX).sum(axis=1, dtype=np.uint64) ^ _BAND_SALT
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    return mixed.view(np.int64).tolist()


def from_bytes(value):
    return np.frombuffer(bytes(value), dtype=np.uint32) if value else None


def assign_story(article):
    """Index the article's text and put it in the story of its closest copy, if any.

    Returns the Story or None. Running it twice changes nothing."""
    assign_stories([article])
    return article.story if article.story_id else None


def _lock():
    if connection.vendor == "postgresql":
        # Grouping is quick: doing it one batch at a time means two copies indexed
        # at the same moment by two workers still see each other.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORY_LOCK_ID])


def _chunks(items, size=1000):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def assign_stories(articles):
    """Group a batch of articles (a poll's new full-text entries, or one fetched page)
    in one transaction: index their bands, find candidates with one query per
    thousand keys, and join each article to the story of its closest copy."""
    items = []
    for article in articles:
        if not article.pk:
            continue
        # New feed entries arrive with their signature computed before the insert.
        sig = from_bytes(article.minhash) if article.minhash else signature(article.text)
        if sig is not None and sig.shape == (NUM_PERM,):
            items.append((article, sig, band_keys(sig)))
    if not items:
        return
    with transaction.atomic():
        _lock()
        stale = []
        for article, sig, _ in items:
            if article.minhash is None or bytes(article.minhash) != sig.tobytes():
                article.minhash = sig.tobytes()
                stale.append(article)
        if stale:
            Article.objects.bulk_update(stale, ["minhash"], batch_size=500)
        ids = [a.pk for a, _, _ in items]
        StoryBand.objects.filter(article_id__in=ids).delete()
        StoryBand.objects.bulk_create(
            [StoryBand(article_id=a.pk, key=k) for a, _, keys in items for k in keys], batch_size=2000
        )

        # Every article sharing a band key with the batch (the batch's own rows included,
        # so two copies arriving in one feed find each other).
        by_key = {}
        for chunk in _chunks({k for _, _, keys in items for k in keys}):
            for key, article_id in StoryBand.objects.filter(key__in=chunk).values_list("key", "article_id"):
                by_key.setdefault(key, set()).add(article_id)
        candidate_ids = {i for found in by_key.values() for i in found}
        known = {}
        for chunk in _chunks(candidate_ids):
            for row in Article.objects.filter(id__in=chunk).values_list(
                "id", "minhash", "story_id", "published_at", "title"
            ):
                known[row[0]] = {"sig": from_bytes(row[1]), "story": row[2], "published": row[3], "title": row[4]}

        for article, sig, keys in items:
            _join(article, sig, keys, by_key, known)


def _join(article, sig, keys, by_key, known):
    matches = []
    for cand_id in {i for k in keys for i in by_key.get(k, ())}:
        cand = known.get(cand_id)
        if cand_id == article.pk or cand is None or cand["sig"] is None or cand["sig"].shape != sig.shape:
            continue
        if article.published_at and cand["published"] and abs(cand["published"] - article.published_at) > WINDOW:
            continue
        score = similarity(sig, cand["sig"])
        if score >= STORY_THRESHOLD:
            # A copy already in a story first, so a third copy joins the first two.
            matches.append((cand["story"] is not None, score, cand_id))
    if not matches:
        return
    _, _, match_id = max(matches)
    match = known[match_id]
    story_id = match["story"] or article.story_id
    if story_id is None:
        story_id = Story.objects.create(title=match["title"] or article.title, first_published_at=match["published"]).pk
    if match["story"] != story_id:
        Article.objects.filter(pk=match_id).update(story_id=story_id)
        match["story"] = story_id
    if article.story_id != story_id:
        Article.objects.filter(pk=article.pk).update(story_id=story_id)
        article.story_id = story_id
    if article.pk in known:
        known[article.pk]["story"] = story_id
    earliest = min(filter(None, [match["published"], article.published_at]), default=None)
    if earliest:
        Story.objects.filter(pk=story_id).filter(
            models.Q(first_published_at__isnull=True) | models.Q(first_published_at__gt=earliest)
        ).update(first_published_at=earliest)
