"""backup → empty database and media folder → restore gives back every row and every file."""

import hashlib
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import override_settings

from ads.counters import count_impressions
from ads.models import DailyFigure, Listing
from portal.backup import backup

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _natural(model, value):
    """Content types and permissions are remade by migrate: compare them by what they name."""
    if value is None:
        return None
    if model is ContentType:
        ct = ContentType.objects.get(pk=value)
        return (ct.app_label, ct.model)
    if model is Permission:
        perm = Permission.objects.select_related("content_type").get(pk=value)
        return (perm.content_type.app_label, perm.codename)
    return value


def _rows() -> dict:
    snapshot = {}
    for model in apps.get_models(include_auto_created=True):
        fields = list(model._meta.concrete_fields)
        # Rows of an m2m table are pairs; their own ids mean nothing and loaddata renumbers them.
        natural_self = model in (ContentType, Permission) or model._meta.auto_created
        rows = []
        for obj in model.objects.all():
            row = {}
            for field in fields:
                if natural_self and field.primary_key:
                    continue
                value = getattr(obj, field.attname)
                if field.is_relation:
                    value = _natural(field.related_model, value)
                elif hasattr(value, "name") and hasattr(value, "storage"):
                    value = value.name
                row[field.attname] = value
            rows.append(repr(sorted(row.items())))
        snapshot[model._meta.label] = sorted(rows)
    return snapshot


def _media() -> dict:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _differences(before: dict, after: dict) -> list:
    return [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]


@pytest.fixture
def media_root(tmp_path):
    with override_settings(MEDIA_ROOT=str(tmp_path / "media")):
        yield Path(settings.MEDIA_ROOT)


def test_a_backup_restores_every_row_and_file(media_root, tmp_path, client):
    call_command("load_demo", allow_production=True, verbosity=0)
    # Ad impressions still only in the cache, and a sign-in record.
    listing = Listing.objects.live().first()
    count_impressions([listing.pk, listing.pk])
    client.post("/advertisers/login/", {"username": "zhongkai", "password": "wrong"})
    before_rows, before_media = _rows(), _media()
    assert len(before_media) > 5
    assert sum(len(rows) for rows in before_rows.values()) > 100

    archive = tmp_path / "site.tar.gz"
    manifest = backup(archive)
    assert manifest["impressions_flushed"] == 2
    assert DailyFigure.objects.get(listing=listing).impressions == 2
    before_rows = _rows()  # the flush moved the counts into DailyFigure

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    call_command("restore", str(archive), verbosity=0)

    after_rows, after_media = _rows(), _media()
    differences = _differences(before_rows, after_rows)
    assert differences == [], [
        (set(before_rows[k]) - set(after_rows[k]), set(after_rows[k]) - set(before_rows[k]))
        for k in differences
    ]
    assert _differences(before_media, after_media) == []
    # The site works on the restored data: the front page shows the photo, which is there.
    assert client.get("/").status_code == 200


def test_restore_refuses_a_database_with_content(media_root, tmp_path):
    call_command("load_demo", allow_production=True, verbosity=0)
    archive = tmp_path / "site.tar.gz"
    backup(archive)
    with pytest.raises(CommandError, match="数据库不是空的"):
        call_command("restore", str(archive), verbosity=0)
