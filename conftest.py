"""Fixtures shared by every test directory (the engine's fixtures live with its tests)."""

import datetime
import importlib
import os
from pathlib import Path

import pytest
from django.utils import timezone

from casework.tests.conftest import handler, make_user, open_uji, sla_uji  # noqa: F401


@pytest.fixture(autouse=True)
def _private_storage_in_tmp(settings, tmp_path):
    """Attachments written by any test land in its own temporary folder, never in var/."""
    settings.SIGAP_PRIVATE_STORAGE = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts and ends with an empty cache. Rate limits and login-failure
    ceilings live there, and the cache outlives a test's transaction: without this, the
    posts of one test would count against the next. The same holds for the choice lists
    a process keeps (casework.choice_rows): a rolled-back row sends no signal."""
    from django.core.cache import cache

    from accounts import profiles
    from casework import choice_rows
    from wbs import throttle

    def forget():
        cache.clear()
        choice_rows.forget_all()
        # The WBS pages count in process memory, not the cache (wbs.throttle); other
        # kinds' tests post to them too (a complaint moved to the WBS).
        throttle.reset()
        # A rolled-back profile sends no signal either.
        profiles.forget_top_profile()

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """Each test starts in the default language, whatever a previous request switched to."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.activate("id")


# --- Tests in a real browser (marked `browser`) ---------------------------------------------

CHROMIUM = "/usr/bin/chromium"
# The data migrations whose rows pages rely on, each safe to run again (get_or_create or
# an idempotent update), in migration order.
DATA_MIGRATIONS = [
    ("accounts", "0002_role_groups", "create_role_groups"),
    ("casework", "0002_seed_calendar", "seed"),
    ("pengaduan", "0002_seed_kategori_and_deadlines", "forwards"),
    ("pengaduan", "0004_konfirmasi_is_a_waiting_period", "forwards"),
    ("pengaduan", "0006_kelengkapan_period", "forwards"),
    ("pengaduan", "0007_permenpanrb_5_2025", "forwards"),
    ("gratifikasi", "0002_seed_deadlines_and_rules", "forwards"),
    ("gratifikasi", "0004_ceremony_cap_per_giver_per_event", "forwards"),
    ("gratifikasi", "0007_exemption_rule_ended_by", "forwards"),
    ("wbs", "0002_seed_deadlines", "forwards"),
    ("benturan", "0002_seed_decision_deadline", "forwards"),
]


@pytest.fixture
def shots(tmp_path):
    """Where a browser walk's screenshots go: SIGAP_TEST_SCREENSHOTS when it is set (to
    keep and look at them), else the test's own folder."""
    folder = Path(os.environ.get("SIGAP_TEST_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def chromium(monkeypatch):
    """Debian's Chromium driven by Playwright (skipped where either is missing).

    Use it with `live_server` and `django_db(transaction=True)`: the server runs in
    another thread and sees only committed rows. Each `chromium.new_context()` is a
    browser profile of its own (cookies included), so one test can play several people.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's event loop runs in this thread; the test's own queries are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser
        browser.close()


@pytest.fixture
def seeded_again(transactional_db):
    """The rows the data migrations seed (roles, holidays, complaint categories and
    deadlines), put back. A test that commits empties every table when it ends, so the
    next such test on the same worker would find none of them."""
    from django.apps import apps

    for app, migration, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(f"{app}.migrations.{migration}"), function)(apps, None)


@pytest.fixture
def travel(monkeypatch):
    """Fix "now" at 10:00 local time on a given date (Asia/Jakarta), for code that takes
    today from the clock: the engine starts, pauses and resumes clocks on today's date."""

    def to(day: datetime.date):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return to


@pytest.fixture
def in_threads():
    """Run `target(i)` for i in range(n) in n threads started together (each with its
    own database connection); returns the results and the exceptions raised. For row
    locks under real concurrency, with django_db(transaction=True) on PostgreSQL."""
    import threading

    from django.db import connections

    def run(n, target):
        barrier = threading.Barrier(n)
        results, errors = [], []

        def worker(i):
            try:
                barrier.wait()
                results.append(target(i))
            except Exception as exc:  # noqa: BLE001 - collected for the test to assert
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return results, errors

    return run
