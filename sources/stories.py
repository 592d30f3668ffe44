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
import hashlib
import re
from datetime import timedelta

import numpy as np
from datasketch import MinHash
from django.db import connection, transaction

from .models import Article, Story, StoryBand

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
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


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
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash.hashvalues.astype(np.uint32)


def similarity(sig_a, sig_b):
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(sig_a == sig_b)) / NUM_PERM


def band_keys(sig):
    """One signed 64-bit key per band; the band's index is part of the hash."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def from_bytes(value):
    return np.frombuffer(bytes(value), dtype=np.uint32) if value else None


def assign_story(article):
    """Index the article's text and put it in the story of its closest copy, if any.

    Returns the Story or None. Running it twice changes nothing."""
    sig = signature(article.text)
    if sig is None:
        return None
    keys = band_keys(sig)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Grouping takes milliseconds: doing it one article at a time means two
            # copies indexed at the same moment by two workers still see each other.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORY_LOCK_ID])
        Article.objects.filter(pk=article.pk).update(minhash=sig.tobytes())
        article.minhash = sig.tobytes()
        StoryBand.objects.filter(article=article).delete()
        StoryBand.objects.bulk_create([StoryBand(article=article, key=key) for key in keys])

        candidates = Article.objects.filter(
            id__in=StoryBand.objects.filter(key__in=keys).values("article_id")
        ).exclude(pk=article.pk)
        if article.published_at:
            candidates = candidates.filter(
                published_at__range=(article.published_at - WINDOW, article.published_at + WINDOW)
            )
        matches = []
        for cand_id, cand_sig, cand_story in candidates.values_list("id", "minhash", "story_id"):
            other = from_bytes(cand_sig)
            if other is not None and other.shape == sig.shape:
                score = similarity(sig, other)
                if score >= STORY_THRESHOLD:
                    # A copy already in a story first, so a third copy joins the first two.
                    matches.append((cand_story is not None, score, cand_id))
        if not matches:
            return article.story if article.story_id else None
        best = max(matches)

        match = Article.objects.select_related("story").get(pk=best[2])
        story = match.story
        if story is None:
            story = article.story if article.story_id else Story.objects.create(
                title=match.title or article.title, first_published_at=match.published_at
            )
            Article.objects.filter(pk=match.pk).update(story=story)
        if article.story_id != story.pk:
            Article.objects.filter(pk=article.pk).update(story=story)
            article.story = story
        earliest = min(filter(None, [story.first_published_at, match.published_at, article.published_at]), default=None)
        if earliest != story.first_published_at:
            Story.objects.filter(pk=story.pk).update(first_published_at=earliest)
            story.first_published_at = earliest
        return story
