"""Staff downloads of case attachments: the only way a stored file leaves the server.

There is no public or media URL for attachments. Every download is authorised against
the case through casework.access and written to the audit log.
"""

import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from security import audit, crypto

from . import access
from .attachments import attachment_response, read_attachment
from .models import Attachment
from .sanitize import KNOWN_TYPES

logger = logging.getLogger(__name__)

# Types a browser may show inline inside the response's sandbox; anything else downloads.
INLINE_TYPES = frozenset(KNOWN_TYPES)


@login_required
@require_safe
def download(request, pk: int):
    """Send one attachment to a staff member who may see its case (404 for anyone else).

    `?inline=1` asks the browser to show an image or PDF instead of saving it.
    """
    attachment = Attachment.objects.select_related("case").filter(pk=pk).first()
    # One answer for "no such file" and "not yours": a case's existence is not revealed.
    if attachment is None or not access.visible_cases(request.user).filter(pk=attachment.case_id).exists():
        raise Http404(_("Lampiran tidak ditemukan."))
    try:
        data = read_attachment(attachment)
    except (FileNotFoundError, crypto.DecryptionError):
        # Logged by id only; the name is sensitive. The reader sees a plain "not found".
        logger.exception("Attachment %s cannot be read", attachment.pk)
        raise Http404(_("Lampiran tidak ditemukan.")) from None
    audit.record(
        audit.Event.ATTACHMENT_DOWNLOADED,
        actor=request.user,
        case=attachment.case,
        obj=attachment,
        request=request,
    )
    inline = request.GET.get("inline") == "1" and attachment.content_type in INLINE_TYPES
    return attachment_response(attachment, inline=inline, data=data)
