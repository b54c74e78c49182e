import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedCharField


class HeldUpload(models.Model):
    """A file sent with a form that was refused, kept so the sender need not pick it again
    (casework.held_uploads).

    It belongs to one showing of one form: `form` names the form ("pengaduan.intake"),
    `token_digest` is the SHA-256 of a random token that only that page holds (signed, in a
    hidden field), and `owner` the signed-in employee whose form it is (never set on a
    public form). Like an attachment, its bytes are sanitized, encrypted and stored under a
    random name in the private folder. It has no time of its own but its expiry, rounded
    to the hour: a refused WBS report must not leave a dated trace.
    """

    form = models.CharField(max_length=60)
    token_digest = models.CharField(max_length=64, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What the page's "remove" box names: never the row's id, which would count the uploads.
    handle = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    original_name = EncryptedCharField(_("nama berkas"), plaintext_max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    # What the sender's file weighed before cleaning: the size limit applies to it.
    original_size = models.PositiveIntegerField()
    storage_name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key_version = models.PositiveSmallIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("berkas yang disimpan sementara")
        verbose_name_plural = _("berkas yang disimpan sementara")
        ordering = ["id"]

    def __str__(self):
        return f"held upload {self.handle}"
