"""Query budgets of pages with photos: the same with one photo as with many."""

import pytest
from django.urls import reverse

from news.models import ArticlePhoto, Kind
from tests.conftest import make_article, make_zone
from tests.photo_helpers import image_bytes, make_photo


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _photo_stories(count: int, zone) -> list:
    """Each with its own photo, so a missing prefetch would show as a query per photo."""
    # And a headline with a lead photo, which the front page shows above the columns.
    make_article(
        kind=Kind.FEATURE, is_headline=True, lead_photo=make_photo(caption="头条题图"), zones=[zone]
    )
    stories = []
    for n in range(count):
        photo = make_photo(caption=f"图说明{n}", data=image_bytes(360, 240))
        stories.append(make_article(kind=Kind.PHOTO, lead_photo=photo, zones=[zone]))
    return stories


# Each reader page with photo stories on it, and the most queries it may take
# (the front page's two ad slots included; 2 for the 最新 and 热门 lists beside the others).
PAGES = {
    "front": (lambda: reverse("home"), 12),
    "column": (lambda: reverse("news:section", args=["dangjian"]), 9),
    "zone": (lambda: reverse("news:zone", args=["baoji"]), 9),
    "photos": (lambda: reverse("news:photos"), 8),
}


@pytest.mark.parametrize("count", [1, 6])
@pytest.mark.parametrize("page", list(PAGES))
def test_listing_pages_with_photos_keep_their_budget(
    client, db, django_assert_max_num_queries, page, count
):
    """Lead photos come by JOIN and their renditions by one prefetch, not a query per photo."""
    _photo_stories(count, make_zone())
    url, budget = PAGES[page]
    with django_assert_max_num_queries(budget):
        response = client.get(url())
    # The front page shows the headline's photo and the newest five of a column.
    shown = 1 + min(count, 5) if page == "front" else count
    assert response.content.decode().count('class="photo-credit"') == shown


@pytest.mark.parametrize("count", [1, 6])
def test_an_article_with_photos_in_its_body_keeps_its_budget(
    client, db, django_assert_max_num_queries, count
):
    """Body photos, their images and their renditions come in two prefetches, however many."""
    article = make_article(
        body="".join(f"<p>第{n}段</p>" for n in range(count)),
        lead_photo=make_photo(data=image_bytes(360, 240)),
    )
    for n in range(count):
        photo = make_photo(caption=f"正文图{n}", data=image_bytes(360, 240))
        ArticlePhoto.objects.create(article=article, photo=photo, after_paragraph=n + 1)
    # The story and its photos, 1 for the 数字报 page that printed it, the ad slot, and 2 for
    # 最新 and 热门.
    with django_assert_max_num_queries(15):
        response = client.get(article.get_absolute_url())
    assert response.content.decode().count('class="photo-credit"') == count + 1


@pytest.mark.parametrize("count", [1, 12])
def test_the_admin_photo_list_keeps_its_budget(
    client, editor, django_assert_max_num_queries, count
):
    """Thumbnails come from one prefetch of renditions, photographers and uploaders by JOIN."""
    for n in range(count):
        make_photo(user=editor, caption=f"图{n}", data=image_bytes(360, 240))
    client.force_login(editor)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("admin:news_photo_changelist"))
    assert response.content.decode().count("-320w.jpg") == count
