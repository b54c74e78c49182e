"""The per-client limit of public posts, on both of its counting paths: one pipelined
exchange with Redis, django-ratelimit with any other cache."""

import os
import time

import pytest
import redis
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from security import ratelimit

REDIS_URL = os.environ.get("SIGAP_TEST_REDIS", "redis://127.0.0.1:6379/14")


def _redis_reachable() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def _request(address="203.0.113.7"):
    return RequestFactory().post("/pengaduan/baru/", REMOTE_ADDR=address)


@pytest.fixture
def redis_cache():
    if not _redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    settings = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    with override_settings(CACHES=settings):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


@pytest.mark.parametrize(
    ("text", "limit", "seconds"),
    [("10/h", 10, 3600), ("100/10m", 100, 600), ("5/30s", 5, 30), (" 3 / d ", 3, 86400)],
)
def test_rates_read_as_django_ratelimit_writes_them(text, limit, seconds):
    assert ratelimit.parse_rate(text) == ratelimit.Rate(limit, seconds)


@pytest.mark.parametrize("text", ["", "10", "10/x", "ten/h", "-1/h"])
def test_a_malformed_rate_is_refused_loudly(text):
    with pytest.raises(ValueError, match="Not a rate"):
        ratelimit.parse_rate(text)


def test_redis_counts_up_to_the_limit_then_refuses(redis_cache):
    request = _request()
    assert [ratelimit.hit(request, group="g", rate="3/h") for _ in range(5)] == [False, False, False, True, True]


def test_redis_counts_each_client_and_group_on_its_own(redis_cache):
    for _ in range(2):
        ratelimit.hit(_request("203.0.113.7"), group="g", rate="2/h")
    assert ratelimit.hit(_request("203.0.113.7"), group="g", rate="2/h") is True
    assert ratelimit.hit(_request("198.51.100.1"), group="g", rate="2/h") is False
    assert ratelimit.hit(_request("203.0.113.7"), group="other", rate="2/h") is False


def test_redis_keys_expire_when_their_window_ends_and_name_no_address(redis_cache, monkeypatch):
    now = 1_800_000_030  # 30 s into a ten-minute window (1_800_000_000 is a multiple of 600)
    monkeypatch.setattr(time, "time", lambda: now)
    ratelimit.hit(_request("203.0.113.7"), group="g", rate="5/10m")
    client = redis.Redis.from_url(REDIS_URL)
    keys = client.keys("*")
    assert len(keys) == 1
    assert b"203.0.113.7" not in keys[0]
    window_end = 1_800_000_000 + 600
    assert window_end <= client.expiretime(keys[0]) <= window_end + 5
    # A later count in the same window keeps the same end.
    now += 400
    ratelimit.hit(_request("203.0.113.7"), group="g", rate="5/10m")
    assert window_end <= client.expiretime(keys[0]) <= window_end + 5


def test_redis_forgets_the_count_in_the_next_window(redis_cache, monkeypatch):
    now = 1_800_000_000
    monkeypatch.setattr(time, "time", lambda: now)
    request = _request()
    ratelimit.hit(request, group="g", rate="1/m")
    assert ratelimit.hit(request, group="g", rate="1/m") is True
    now += 60
    assert ratelimit.hit(request, group="g", rate="1/m") is False


def test_redis_takes_one_exchange_per_count(redis_cache, monkeypatch):
    client = ratelimit._redis_client(redis_cache)
    exchanges = []
    real = client.pipeline

    def pipeline(*args, **kwargs):
        pipe = real(*args, **kwargs)
        execute = pipe.execute
        pipe.execute = lambda *a, **k: exchanges.append(1) or execute(*a, **k)
        return pipe

    monkeypatch.setattr(client, "pipeline", pipeline)
    monkeypatch.setattr(client, "execute_command", lambda *a, **k: pytest.fail("a second exchange"))
    ratelimit.hit(_request(), group="g", rate="3/h")
    assert exchanges == [1]


def test_other_caches_count_through_django_ratelimit():
    # The test settings keep the cache in memory.
    caches["default"].clear()
    request = _request("192.0.2.44")
    assert [ratelimit.hit(request, group="mem", rate="2/h") for _ in range(3)] == [False, False, True]


@pytest.mark.parametrize(("rate", "minutes"), [("5/h", 60), ("10/30s", 1), ("3/90s", 2), ("1/d", 1440)])
def test_a_refused_client_is_told_the_longest_wait_in_whole_minutes(rate, minutes):
    assert ratelimit.wait_minutes(rate) == minutes


def _blocked_after_each_hit(request, group: str) -> list[bool]:
    states = [ratelimit.blocked(request, group=group, rate="2/h")]
    for _ in range(3):
        ratelimit.hit(request, group=group, rate="2/h")
        states.append(ratelimit.blocked(request, group=group, rate="2/h"))
    return states


def test_blocked_looks_without_counting_and_agrees_on_redis_and_elsewhere(redis_cache):
    assert _blocked_after_each_hit(_request("198.51.100.61"), "peek") == [False, False, True, True]


def test_blocked_looks_without_counting_in_memory_too():
    caches["default"].clear()
    request = _request("198.51.100.62")
    assert [ratelimit.blocked(request, group="peek-mem", rate="2/h") for _ in range(5)] == [False] * 5
    assert _blocked_after_each_hit(request, "peek-mem") == [False, False, True, True]
