"""A refused page says so in its title: "Galat: " first, which a screen reader reads
before anything else and a tab list shows. A page shown for the first time does not."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


@pytest.mark.parametrize("url_name", ["pengaduan:create", "track", "wbs:login"])
def test_a_refused_form_titles_its_page_galat(client, settings, url_name):
    settings.SIGAP_PENGADUAN_MIN_FILL_SECONDS = 0
    url = reverse(url_name)
    shown = title(client.get(url))
    assert not shown.startswith("Galat:")

    refused = client.post(url, {"code": "0000-0000-0000-0000"})
    assert refused.status_code in (200, 400)
    assert title(refused) == "Galat: " + shown
    assert b'role="alert"' in refused.content and b"data-focus-on-load" in refused.content


def test_every_page_loads_the_focus_script_from_where_its_assets_live(client):
    # The WBS pages take it from under static/wbs/, like every other file they load.
    assert b"/static/js/sigap.js" in client.get(reverse("home")).content
    page = client.get(reverse("wbs:login")).content
    assert b"/static/wbs/shared/js/sigap.js" in page and b"/static/js/sigap.js" not in page
