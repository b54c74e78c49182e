"""The WBS rate limits: counted in this process's memory under a secret drawn at start,
per client and across all clients, with nothing written anywhere."""

from security.ratelimit import Rate
from wbs import throttle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_window_counts_and_then_starts_again():
    clock = Clock()
    counters = throttle.Counters(clock=clock)
    rate = Rate(2, 60)
    assert [counters.hit("g", "a", rate) for _ in range(3)] == [False, False, True]
    assert counters.hit("g", "b", rate) is False  # another client
    clock.now += 61
    assert counters.hit("g", "a", rate) is False


def test_old_counters_are_dropped_when_there_are_too_many(monkeypatch):
    monkeypatch.setattr(throttle, "MAX_COUNTERS", 10)
    clock = Clock()
    counters = throttle.Counters(clock=clock)
    rate = Rate(5, 60)
    for n in range(10):
        counters.hit("g", str(n), rate)
    clock.now += 61
    counters.hit("g", "new", rate)
    assert len(counters) == 1


def test_one_client_over_its_limit_does_not_use_up_the_ceiling(rf, settings):
    settings.SIGAP_WBS_LOOKUP_RATE = "2/h"
    settings.SIGAP_WBS_LOOKUP_CEILING = "3/h"
    noisy, quiet = rf.post("/wbs/masuk/"), rf.post("/wbs/masuk/")
    noisy.wbs_client, quiet.wbs_client = throttle.client_token("192.0.2.1"), throttle.client_token("192.0.2.2")
    refusals = [throttle.admit(noisy, throttle.LOOKUP).refused for _ in range(10)]
    assert refusals == [None, None] + [throttle.Refusal.CLIENT] * 8
    assert throttle.admit(quiet, throttle.LOOKUP).refused is None


def test_the_token_is_keyed_by_a_secret_of_this_process():
    import hashlib

    token = throttle.client_token("203.0.113.77")
    assert token == throttle.client_token("203.0.113.77") != throttle.client_token("203.0.113.78")
    assert "203.0.113.77" not in token
    assert token != hashlib.blake2b(b"203.0.113.77", digest_size=16).hexdigest()
