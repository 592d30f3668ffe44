"""Settings for bench/bench_timeline.py only: the project's production settings
(DJANGO_DEBUG=0, set by the bench) plus a bare view as the throughput ceiling."""

import os

from talks_tracker.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
