"""System checks of how the engine handles uploads.

A file bigger than FILE_UPLOAD_MAX_MEMORY_SIZE is spooled by Django to a temporary file
in FILE_UPLOAD_TEMP_DIR while the request is read, before casework.attachments cleans and
encrypts it. That spool must be memory-backed (tmpfs), or a complainant's or a WBS
reporter's evidence lies in clear on a disk, where deleting it does not erase it.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register

MEMORY_FILESYSTEMS = {"tmpfs", "ramfs"}


def filesystem_of(folder: str, mounts: str = "/proc/mounts") -> str | None:
    """The type of the file system `folder` lives on, from the system's mount table; None
    where there is no such table (not Linux)."""
    try:
        table = Path(mounts).read_text().splitlines()
    except OSError:
        return None
    target = Path(folder).resolve()
    best, kind = None, None
    for line in table:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(fields[1].replace("\\040", " "))
        if (target == point or point in target.parents) and (best is None or len(point.parts) > len(best.parts)):
            best, kind = point, fields[2]
    return kind


@register("security", deploy=True)
def upload_spool_in_memory(app_configs=None, **kwargs):
    folder = settings.FILE_UPLOAD_TEMP_DIR
    kind = filesystem_of(folder) if folder else None
    if kind in MEMORY_FILESYSTEMS:
        return []
    return [
        Warning(
            f"Uploads over {settings.FILE_UPLOAD_MAX_MEMORY_SIZE} bytes are spooled in clear to "
            f"{folder or 'the system temporary folder'}, which is not memory-backed ({kind or 'unknown'})",
            hint="Set SIGAP_UPLOAD_TEMP_DIR to a folder on tmpfs, such as /dev/shm.",
            id="casework.W001",
        )
    ]
