"""Tags in the admin: only 编辑 merge or rename, and bad input is a message, never a 500."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from tests.conftest import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:taggit_tag_changelist"


@pytest.fixture
def tags():
    first = make_article("宝鸡新闻", tags=["人工智能", "AI"])
    second = make_article("杨凌新闻", tags=["AI"])
    third = make_article("仲恺新闻", tags=["人工 智能"])
    return first, second, third


def _merge(client, tag_names, **extra):
    ids = [str(Tag.objects.get(name=name).pk) for name in tag_names]
    return client.post(
        reverse(CHANGELIST), {"action": "merge_tags", "_selected_action": ids, **extra}
    )


def test_an_editor_merges_tags(client, editor, tags):
    first, second, third = tags
    client.force_login(editor)
    confirm = _merge(client, ["人工智能", "AI", "人工 智能"])
    assert confirm.status_code == 200
    assert "合并标签" in confirm.content.decode()

    done = _merge(client, ["人工智能", "AI", "人工 智能"], apply="1", name="人工智能")
    assert done.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["人工智能"]
    for article in (first, second, third):
        assert list(article.tags.names()) == ["人工智能"]


def test_merging_with_nothing_selected_is_a_message_not_a_500(client, editor, tags):
    client.force_login(editor)
    # As the changelist's own form posts it, and as a bare POST.
    response = client.post(reverse(CHANGELIST), {"action": "merge_tags", "index": "0"}, follow=True)
    assert response.status_code == 200
    assert "条目必须选中以对其进行操作" in response.content.decode()
    bare = client.post(reverse(CHANGELIST), {"action": "merge_tags", "apply": "1"})
    assert bare.status_code in (200, 302)
    assert Tag.objects.count() == 3


def test_merging_without_a_name_asks_for_one(client, editor, tags):
    client.force_login(editor)
    response = _merge(client, ["AI", "人工智能"], apply="1", name="  ")
    assert response.status_code == 400
    assert "请填写合并后的标签名" in response.content.decode()
    assert Tag.objects.count() == 3


def test_a_reporter_cannot_merge(client, reporter, tags):
    client.force_login(reporter)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "merge_tags" not in page
    _merge(client, ["AI", "人工智能"], apply="1", name="AI")
    assert Tag.objects.count() == 3
    # taggit's own merge page is gone, for everyone.
    response = client.post(reverse(CHANGELIST) + "merge-tags/", {"new_tag_name": "AI"})
    assert response.status_code in (302, 404)
    assert Tag.objects.count() == 3


def test_a_reporter_cannot_rename(client, reporter, tags):
    tag = Tag.objects.get(name="AI")
    client.force_login(reporter)
    response = client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "改名", "slug": "gaiming"}
    )
    assert response.status_code == 403
    tag.refresh_from_db()
    assert tag.name == "AI"


def test_an_editor_renames(client, editor, tags):
    tag = Tag.objects.get(name="AI")
    client.force_login(editor)
    response = client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "人工智能AI", "slug": "ai"}
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.name == "人工智能AI"


def test_renaming_or_merging_drops_the_readers_cached_pages(
    client, editor, tags, django_capture_on_commit_callbacks
):
    """Tag names show on story pages and tag lists: the page cache must not keep the old ones."""
    from portal import pagecache

    before = pagecache.generation()
    tag = Tag.objects.get(name="AI")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "人工智能AI", "slug": "ai"}
        )
    renamed = pagecache.generation()
    assert renamed != before
    with django_capture_on_commit_callbacks(execute=True):
        _merge(client, ["人工智能", "人工智能AI"], apply="1", name="人工智能")
    assert pagecache.generation() != renamed


def test_deleting_selected_tags_drops_the_readers_cached_pages(
    client, editor, tags, django_capture_on_commit_callbacks
):
    """The changelist's bulk delete bypasses delete_model; it must still drop cached pages."""
    from portal import pagecache

    before = pagecache.generation()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(CHANGELIST),
            {
                "action": "delete_selected",
                "_selected_action": [str(Tag.objects.get(name="AI").pk)],
                "post": "yes",
            },
        )
    assert response.status_code == 302
    assert not Tag.objects.filter(name="AI").exists()
    assert pagecache.generation() != before
