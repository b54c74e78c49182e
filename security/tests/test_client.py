"""The client's address behind reverse proxies: one answer for every limit and record."""

import pytest
from django.test import RequestFactory

from security.client import address_from_meta, client_address

PROXY = "127.0.0.1"
CLIENT = "203.0.113.7"


def meta(remote=PROXY, forwarded=None):
    values = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        values["HTTP_X_FORWARDED_FOR"] = forwarded
    return values


def test_without_proxies_the_connection_is_the_client_whatever_the_header_says(settings):
    settings.SIGAP_PROXY_COUNT = 0
    assert address_from_meta(meta(remote=CLIENT, forwarded="198.51.100.1")) == CLIENT


def test_behind_one_proxy_the_client_is_the_entry_the_proxy_added(settings):
    settings.SIGAP_PROXY_COUNT = 1
    assert address_from_meta(meta(forwarded=CLIENT)) == CLIENT


def test_entries_the_client_wrote_before_the_proxy_are_not_believed(settings):
    settings.SIGAP_PROXY_COUNT = 1
    # The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the real address.
    assert address_from_meta(meta(forwarded=f"198.51.100.1, {CLIENT}")) == CLIENT


def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right(settings):
    settings.SIGAP_PROXY_COUNT = 2
    assert address_from_meta(meta(forwarded=f"198.51.100.1, {CLIENT}, 192.0.2.40")) == CLIENT


def test_a_client_reaching_the_application_directly_is_counted_by_its_connection(settings):
    settings.SIGAP_PROXY_COUNT = 1
    settings.SIGAP_PROXY_ADDRESSES = ["127.0.0.0/8", "10.0.0.0/8"]
    assert address_from_meta(meta(remote=CLIENT, forwarded="198.51.100.1")) == CLIENT
    assert address_from_meta(meta(remote="10.1.2.3", forwarded="198.51.100.1")) == "198.51.100.1"


def test_any_connection_may_be_declared_a_proxy(settings):
    settings.SIGAP_PROXY_COUNT = 1
    settings.SIGAP_PROXY_ADDRESSES = ["*"]
    assert address_from_meta(meta(remote="192.0.2.250", forwarded=CLIENT)) == CLIENT


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "999.1.1.1", " , "])
def test_a_missing_or_unreadable_entry_counts_the_proxy_never_the_text(settings, forwarded):
    settings.SIGAP_PROXY_COUNT = 1
    assert address_from_meta(meta(forwarded=forwarded)) == PROXY


def test_addresses_are_written_one_way(settings):
    settings.SIGAP_PROXY_COUNT = 1
    assert address_from_meta(meta(forwarded="::ffff:203.0.113.7")) == CLIENT
    assert address_from_meta(meta(forwarded="203.0.113.7:5123")) == CLIENT
    assert address_from_meta(meta(forwarded="[2001:DB8::1]:443")) == "2001:db8::1"


def test_the_request_form_reads_the_same(settings):
    settings.SIGAP_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT)
    assert client_address(request) == CLIENT


def test_a_mistyped_proxy_address_stops_the_start(settings):
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    settings.SIGAP_PROXY_ADDRESSES = ["127.0.0.1", "localhost"]
    with pytest.raises(ImproperlyConfigured, match="SIGAP_PROXY_ADDRESSES"):
        apps.get_app_config("security").ready()
