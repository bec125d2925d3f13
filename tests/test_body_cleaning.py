"""No script, style, event handler or javascript: URL in an article body ever reaches a reader."""

import pytest

from news.html import clean_body
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "dirty,forbidden",
    [
        ("<p>正文</p><script>alert(1)</script>", "<script"),
        ("<p>正文</p><style>body{display:none}</style>", "<style"),
        ('<p><img src="x" onerror="alert(1)">正文</p>', "onerror"),
        ('<p onclick="steal()">正文</p>', "onclick"),
        ('<p><a href="javascript:alert(1)">链接</a></p>', "javascript:"),
        ('<p><a href="JaVaScRiPt:alert(1)">链接</a></p>', "avascript"),
        ('<p><iframe src="https://evil.example"></iframe></p>', "<iframe"),
        ('<p style="position:fixed">正文</p>', "style="),
    ],
)
def test_it_removes_dangerous_markup(dirty, forbidden):
    assert forbidden.lower() not in clean_body(dirty).lower()


def test_it_keeps_what_the_editor_makes():
    html = (
        "<h2>三学并进壮筋骨</h2><p><strong>党支部引领</strong>正文<em>强调</em></p>"
        "<ul><li>一</li></ul><ol><li>二</li></ol><blockquote><p>引文</p></blockquote>"
        '<p><a href="https://example.com/a">链接</a></p>'
    )
    cleaned = clean_body(html)
    for fragment in ("<h2>", "<strong>", "<em>", "<ul>", "<ol>", "<blockquote>"):
        assert fragment in cleaned
    assert '<a href="https://example.com/a" rel="noopener noreferrer">链接</a>' in cleaned


def test_the_reader_page_never_carries_a_script_saved_in_a_body(client):
    article = make_article(
        body='<p>正文</p><script>alert("x")</script><p><a href="javascript:alert(1)">点我</a></p>'
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body = html[html.index('class="story-body"') :]
    assert "alert" not in body and "javascript:" not in body
    assert "点我" in body


def test_an_empty_editor_document_is_an_empty_body():
    assert clean_body("<p></p>") == ""
