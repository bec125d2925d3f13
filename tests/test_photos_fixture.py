"""The 杨凌 photo story of the newspaper page, as `make run` loads it."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from news.models import Article, Kind, Photo, Rendition
from tests.photo_helpers import stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _load_demo():
    call_command("load_demo", "--allow-production", stdout=io.StringIO())


def test_load_demo_brings_the_yangling_photo_story_verbatim(media_root):
    _load_demo()
    story = Article.objects.published().get(kind=Kind.PHOTO)
    assert (story.section.name, [z.name for z in story.zones.all()]) == (
        "党建在高新",
        ["杨凌示范区"],
    )
    assert story.body == (
        "<p>连日来,杨凌示范区企业陕西荣华农业科技有限公司工作人员穿梭在汉中“秦优1618”油菜制种基地的"
        "花海里进行花检作业。据了解,该品种不仅“高产、高油,强抗倒、宜机收”,更重要的是耐盐碱,"
        "为陕西省黄河盐碱地再添致富新品种。</p>"
    )
    photo = story.lead_photo
    assert photo.credit == "图片来源:杨凌示范区"
    assert photo.caption == "图为陕西荣华农业科技有限公司工作人员进行花检作业。"
    assert photo.alt_text
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (photo.width, photo.height)
        assert not image.getexif()
    assert photo.renditions.count() == 8


def test_load_demo_twice_copies_and_renders_nothing_again(media_root):
    _load_demo()
    files = {path: path.stat().st_mtime_ns for path in stored_files(media_root)}
    rows = list(Rendition.objects.values_list("pk", flat=True))
    _load_demo()
    assert {path: path.stat().st_mtime_ns for path in stored_files(media_root)} == files
    assert list(Rendition.objects.values_list("pk", flat=True)) == rows
    assert Photo.objects.count() == 1 and len([f for f in files if "photos" in f.parts]) == 9
