"""A request Django refuses before any view (too many files, too large a body) gets a
page in the site's layout that says what to do, not a bare "Bad Request"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_too_many_files_gets_a_page_that_says_what_to_do(client, settings):
    settings.DEBUG = False
    files = [SimpleUploadedFile(f"f{i}.png", b"x") for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    response = client.post(reverse("pengaduan:create"), {"lampiran": files})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Permintaan tidak dapat diproses" in body
    assert "lebih sedikit berkas" in body
    assert 'lang="id"' in body
