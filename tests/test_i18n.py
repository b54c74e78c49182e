"""The interface speaks Indonesian by default and English on request, from a complete catalog."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _translation(entry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO))


def test_every_catalog_entry_has_an_english_translation(po):
    assert len(po) > 0
    fuzzy = [entry.msgid for entry in po if entry.fuzzy]
    assert fuzzy == [], "fuzzy entries (check them and remove the flag, then run bin/i18n)"
    untranslated = [entry.msgid for entry in po if not entry.translated()]
    assert untranslated == [], "entries without English (translate them, then run bin/i18n)"


def test_translations_keep_the_placeholders(po):
    def placeholders(text):
        return sorted(re.findall(r"%\(\w+\)[sdif]|\{\w+\}", text))

    for entry in po:
        if not entry.msgid_plural:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid
            continue
        # The singular form answers msgid; every other form answers msgid_plural.
        for index, form in entry.msgstr_plural.items():
            source = entry.msgid if int(index) == 0 else entry.msgid_plural
            assert placeholders(form) == placeholders(source), entry.msgid


def test_plural_forms_header_is_english(po):
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n!=1);"


def test_compiled_catalog_matches_the_source(po):
    mo = polib.mofile(str(MO))
    compiled = {_key(entry): _translation(entry) for entry in mo if entry.msgid}
    source = {_key(entry): _translation(entry) for entry in po if entry.translated() and not entry.obsolete}
    assert compiled == source, "django.mo is stale: run bin/i18n and commit django.mo"


def test_home_page_speaks_indonesian_by_default(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="id">' in body
    assert "Pengaduan masyarakat" in body
    assert "Lewati ke isi" in body


def test_home_page_speaks_english_after_switching(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    body = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in body
    assert "Public complaints" in body
    assert "Skip to content" in body
    assert "Pengaduan masyarakat" not in body

    client.post(reverse("set_language"), {"language": "id", "next": reverse("home")})
    assert "Pengaduan masyarakat" in client.get(reverse("home")).content.decode()


def test_language_switch_is_a_form_on_every_page(client, db):
    body = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("set_language")}"' in body
    assert 'name="language" value="en"' in body
    assert 'name="language" value="id"' in body


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(client, db):
    from django.urls import reverse

    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="en">' in page.content.decode()


def switch_target(body: str) -> str:
    """Where the page's language switch sends the browser back."""
    return re.search(r'<input type="hidden" name="next" value="([^"]*)">', body).group(1)


def test_without_a_referrer_of_this_site_the_switch_on_a_refused_post_returns_home(client, db):
    """The address a form posts to may take only posts: going back there could fail (405)."""
    form = reverse("pengaduan:create")
    for referer in ({}, {"HTTP_REFERER": f"https://elsewhere.example{form}"}):
        refused = client.post(form, {"title": ""}, **referer)
        assert refused.status_code == 400
        assert switch_target(refused.content.decode()) == "/"


def test_a_page_fetched_normally_returns_to_itself(client, db):
    body = client.get(reverse("pengaduan:create") + "?x=1").content.decode()
    assert switch_target(body) == reverse("pengaduan:create") + "?x=1"
