"""The one normalisation that both the stored search text and every query go through.

Readers type full-width letters (ＡＢＣ), traditional characters (黨建), and punctuation of
either width; the newspaper prints half-width, simplified, with its own quotes. Both sides are
therefore brought to one form: NFKC (full-width letters, digits and brackets become ASCII),
lower case, traditional → simplified (OpenCC's t2s data, phrases first), and every run of
characters that is not a letter or digit becomes one space. Whatever punctuation sits in or
around a word then never decides a match.

Traditional → simplified cannot be written as an IMMUTABLE SQL function, so the normalised
text is computed here and stored on the article (search_head, search_text); the database
builds its index from those columns. Article.save() and ArticleQuerySet (update, bulk_create)
refresh them; news/search_signals.py covers loaddata, bylines and a contributor's new name.
"""

import re
import unicodedata
from functools import lru_cache

import opencc

from news.search_index import WORD_CHARS, plain_text

_NOT_WORD = re.compile(f"[^{WORD_CHARS}]+")
_WORD = re.compile(f"[{WORD_CHARS}]+")

# The fields of search_text, one per line, in this order; ranking weighs them by position.
FIELDS = ("title", "kicker", "subtitle", "lead", "body", "credits", "extra")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def normalise(text: str | None) -> str:
    """Text as the index holds it: NFKC, lower case, simplified, words separated by one space."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _converter().convert(text)
    return _NOT_WORD.sub(" ", text).strip()


def credits_text(article, bylines=None) -> str:
    """What a reader sees of the people and the dateline: 本报讯(特约通讯员 赵旭)3月25日, or the
    names alone. bylines are (role, name) pairs; read from the article when not given."""
    from news.models import Byline

    if bylines is None:
        if article.pk is None:
            bylines = []
        else:
            bylines = [(b.role, b.contributor.name) for b in article.ordered_bylines()]
    # As credit_line() prints them: an author by name alone, anyone else with their role.
    labels = dict(Byline.Role.choices)
    names = " ".join(
        name if role == Byline.Role.AUTHOR else f"{labels.get(role, '')} {name}"
        for role, name in bylines
    )
    return " ".join(part for part in (article.source, names, article.dateline) if part)


def search_fields(article, bylines=None) -> dict[str, str]:
    """The stored search columns for an article: its headings, and every field one per line."""
    parts = {
        "title": article.title,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "lead": article.lead,
        "body": plain_text(article.body),
        "credits": credits_text(article, bylines),
        "extra": article.search_extra,
    }
    text = "\n".join(normalise(parts[name]) for name in FIELDS)
    head = "\n".join(text.split("\n")[:3])
    return {"search_head": head, "search_text": text}


def normalised_spans(text: str) -> tuple[str, list[int]]:
    """The text normalised, and for each of its characters the index in text it came from,
    so that a match in normalised text can be highlighted in the original."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) == len(text):  # the usual case: one character for one
        origin = list(range(len(text)))
    else:
        pieces = [unicodedata.normalize("NFKC", char).lower() for char in text]
        folded = "".join(pieces)
        origin = [i for i, piece in enumerate(pieces) for _ in piece]
    simplified = _converter().convert(folded)
    if len(simplified) != len(folded):  # a phrase changed length: convert one by one
        one_by_one = (_converter().convert(c) for c in folded)
        simplified = "".join(
            c if len(c) == 1 else o for c, o in zip(one_by_one, folded, strict=True)
        )
    out, out_origin = [], []
    for match in _WORD.finditer(simplified):
        if out:  # whatever separated two runs becomes one space
            out.append(" ")
            out_origin.append(origin[match.start() - 1])
        out.append(match.group())
        out_origin.extend(origin[match.start() : match.end()])
    return "".join(out), out_origin
