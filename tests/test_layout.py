"""The shared layout and the public landing page."""

import re

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.urls import include, path, reverse

from accounts import roles
from accounts.models import User
from config.urls import urlpatterns as project_urlpatterns

NOT_OPEN = "Layanan ini belum dibuka di unit ini."


def service_stub(request):  # pragma: no cover - only reversed, never called
    raise AssertionError


# The project's URLs without the benturan pages, plus a stub of the gratifikasi service:
# one service missing, as when an app has no pages yet.
urlpatterns = [
    *(pattern for pattern in project_urlpatterns if getattr(pattern, "namespace", None) != "benturan"),
    path("gratifikasi/", include(([path("", service_stub, name="home")], "gratifikasi"))),
]


def render(source, **context):
    return Template("{% load sigap %}" + source).render(Context(context))


def test_url_if_exists_gives_the_url_or_none(db):
    assert render("{% url_if_exists 'home' as u %}{{ u }}") == reverse("home")
    assert render("{% url_if_exists 'tidak-ada' as u %}{{ u|default:'none' }}") == "none"
    assert render("{% url_if_exists 'bukan:namespace' as u %}{{ u|default:'none' }}") == "none"
    assert render("{% url_if_exists 'accounts:tidak-ada' as u %}{{ u|default:'none' }}") == "none"


def test_landing_page_offers_four_services_and_tracking(client, db):
    body = client.get(reverse("home")).content.decode()
    for title in ("Pengaduan masyarakat", "Whistle-Blowing System (WBS)", "Gratifikasi", "Benturan kepentingan"):
        assert title in body
    assert f'href="{reverse("track")}"' in body
    assert f'href="{reverse("pengaduan:create")}"' in body
    assert f'href="{reverse("pengaduan:monthly")}"' in body
    assert f'href="{reverse("wbs:create")}"' in body
    assert f'href="{reverse("gratifikasi:home")}"' in body
    assert f'href="{reverse("benturan:home")}"' in body
    assert NOT_OPEN not in body


@pytest.mark.urls(__name__)
def test_landing_page_links_the_services_that_exist(client, db):
    body = client.get(reverse("home")).content.decode()
    assert 'href="/pengaduan/baru/"' in body
    assert 'href="/gratifikasi/"' in body
    assert 'href="/wbs/lapor/"' in body
    # A service whose pages are not there says so instead of linking nowhere.
    assert 'href="/benturan/"' not in body
    assert body.count(NOT_OPEN) == 1  # benturan kepentingan


def test_visitor_sees_no_staff_menu(client, db):
    body = client.get(reverse("home")).content.decode()
    assert 'class="staff-nav"' not in body
    assert reverse("accounts:login") in body
    assert 'class="skip-link" href="#main"' in body and 'id="main"' in body


def _login(client, user):
    # The menu shows only once the second factor is given.
    from accounts.testing import verified_login

    verified_login(client, user)


def test_staff_menu_for_a_signed_in_user(client, db):
    user = User.objects.create_user(username="petugas", email="p@example.test", full_name="Sri Wahyuni")
    user.groups.add(Group.objects.get_or_create(name=roles.PENGELOLA_PENGADUAN)[0])
    _login(client, user)
    body = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("casework:inbox")}"' in body
    assert "Kotak Masuk" in body
    assert f'action="{reverse("accounts:logout")}"' in body and ">Keluar<" in body
    assert "Sri Wahyuni" in body
    assert reverse("admin:index") not in body  # not staff in Django's sense


def test_admin_link_only_for_staff_or_superusers(client, db):
    admin = User.objects.create_user(username="it", email="it@example.test", full_name="Fajar", is_staff=True)
    _login(client, admin)
    assert f'href="{reverse("admin:index")}"' in client.get(reverse("home")).content.decode()


def test_stylesheet_is_local_and_the_page_loads_nothing_from_elsewhere(client, db):
    body = client.get(reverse("home")).content.decode()
    assert "/static/css/sigap.css" in body
    assert "http://" not in body and "https://" not in body
    # One small script of SIGAP's own (focus for keyboard users), and nothing inline.
    assert re.findall(r"<script[^>]*>", body) == [re.search(r'<script src="/static/js/sigap\.js"[^>]*>', body).group(0)]


def test_the_wbs_is_found_from_the_home_and_tracking_pages(client, db):
    login = reverse("wbs:login")
    assert f'href="{login}"' in client.get(reverse("home")).content.decode()
    assert f'href="{login}"' in client.get(reverse("track")).content.decode()


@pytest.mark.parametrize(
    ("role", "links"),
    [
        (roles.PENGELOLA_WBS, ["wbs_staff:list"]),
        (roles.PIMPINAN, ["wbs_staff:identity_requests"]),
        (roles.PENGELOLA_PENGADUAN, []),
    ],
)
def test_the_staff_menu_offers_the_wbs_pages_only_to_who_may_open_them(client, make_user, role, links):
    from accounts.testing import verified_login

    verified_login(client, make_user(role))
    body = client.get(reverse("casework:inbox")).content.decode()
    for name in ("wbs_staff:list", "wbs_staff:identity_requests"):
        assert (f'href="{reverse(name)}"' in body) == (name in links), name
