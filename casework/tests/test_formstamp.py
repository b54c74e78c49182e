"""The signed time a public form was first shown (casework.formstamp): it counts for every
try of the same form, and no longer than SIGAP_FORM_STAMP_MAX_HOURS."""

import time

import pytest

from casework.formstamp import carried, seconds_since_started, sign_started


def test_a_stamp_says_how_long_ago_the_form_was_shown():
    assert 59 <= seconds_since_started(sign_started(time.time() - 60)) < 62


def test_a_refused_form_carries_the_stamp_of_its_first_showing():
    first = sign_started(time.time() - 2)
    assert carried(first) == first


@pytest.mark.parametrize("stamp", ["", "1700000000", "1700000000:forged", "x" * 300])
def test_a_missing_or_forged_stamp_is_replaced_by_a_new_one(stamp):
    assert seconds_since_started(stamp) is None
    fresh = carried(stamp)
    assert fresh != stamp and 0 <= seconds_since_started(fresh) < 2


def test_a_stamp_older_than_the_maximum_counts_for_nothing(settings):
    settings.SIGAP_FORM_STAMP_MAX_HOURS = 2
    assert seconds_since_started(sign_started(time.time() - 3600)) is not None
    old = sign_started(time.time() - 2 * 3600 - 5)
    # Kept to be replayed later, it is refused like a forged one, and not carried.
    assert seconds_since_started(old) is None
    assert carried(old) != old
