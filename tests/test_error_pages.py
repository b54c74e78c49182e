"""Errors speak the user's language in the site's layout, never a bare server page."""

from accounts.testing import verified_login


def test_forbidden_page_is_explained(client, handler):
    verified_login(client, handler)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


def test_missing_page_is_explained(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
