"""Backup and restore of the whole site: the database (as Django's JSON) and the uploads,
in one .tar.gz, so the two never drift apart.

The archive holds `database.xml` (dumpdata with natural keys for content types and
permissions, which migrations recreate), `media/…` (every file under MEDIA_ROOT) and
`backup.json` (what is inside). Ad impressions still in Redis are flushed to the database
first, so they are in the backup too.
"""

import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ads.counters import flush_impressions

# XML, not JSON: Django's JSON encoder cuts times to milliseconds; XML keeps them exact.
DATABASE = "database.xml"
MANIFEST = "backup.json"
MEDIA = "media"
# Recreated by `migrate` itself; rows elsewhere refer to them by natural key.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    pass


def _media_root() -> Path:
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            "上传文件存放在对象存储中：请用对象存储自身的版本或复制功能备份，这里只备份数据库。"
        )
    return Path(settings.MEDIA_ROOT)


def backup(path: Path) -> dict:
    """Write the archive to `path`; returns what it holds."""
    impressions = flush_impressions()
    media_root = _media_root()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE
        call_command(
            "dumpdata",
            exclude=EXCLUDED,
            format="xml",
            natural_foreign=True,
            output=str(dump),
            verbosity=0,
        )
        files = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        )
        manifest = {
            "created": timezone.now().isoformat(),
            "database": DATABASE,
            "media_files": len(files),
            "impressions_flushed": impressions,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, DATABASE)
            for file in files:
                archive.add(file, f"{MEDIA}/{file.relative_to(media_root).as_posix()}")
        # Only a complete archive gets the name: a failed backup never looks like a good one.
        os.replace(partial, path)
    return manifest


def _is_empty() -> bool:
    """No content yet: only what migrations make (groups, content types, permissions)."""
    user = apps.get_model("auth", "User")
    article = apps.get_model("news", "Article")
    listing = apps.get_model("ads", "Listing")
    return not (user.objects.exists() or article.objects.exists() or listing.objects.exists())


@transaction.atomic
def restore(path: Path) -> dict:
    """Restore an archive onto a migrated, empty database and an empty media folder."""
    media_root = _media_root()
    if not _is_empty():
        raise BackupError("数据库不是空的：只能恢复到刚建好（已 migrate）、没有内容的数据库。")
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"上传文件目录 {media_root} 不是空的：请换一个空目录再恢复。")
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.loads(archive.extractfile(MANIFEST).read())
        with tempfile.TemporaryDirectory() as work:
            # The "data" filter refuses absolute paths, links out of the folder and devices.
            archive.extract(DATABASE, work, filter="data")
            call_command("loaddata", str(Path(work) / DATABASE), verbosity=0)
        media_root.mkdir(parents=True, exist_ok=True)
        for member in archive.getmembers():
            if member.name.startswith(f"{MEDIA}/") and member.isfile():
                member.name = member.name[len(MEDIA) + 1 :]
                archive.extract(member, media_root, filter="data")
    return manifest
