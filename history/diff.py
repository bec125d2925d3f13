"""Character-level comparison of two versions' text, as a person reads Chinese."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Row:
    label: str
    changed: bool
    old: SafeString
    new: SafeString


def marked(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML, characters removed in <del> on the old, added in <ins> on the new."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    left, right = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            left.append(escape(old[a1:a2]))
            right.append(escape(new[b1:b2]))
            continue
        if a2 > a1:
            left.append(f"<del>{escape(old[a1:a2])}</del>")
        if b2 > b1:
            right.append(f"<ins>{escape(new[b1:b2])}</ins>")
    # Line breaks (paragraphs of the body) stay visible in the table.
    return (
        mark_safe("".join(left).replace("\n", "<br>")),
        mark_safe("".join(right).replace("\n", "<br>")),
    )


def compare(old: dict, new: dict) -> list[Row]:
    """Every field of two versions' text side by side, changed ones marked."""
    rows = []
    for label in dict.fromkeys([*new, *old]):
        a, b = old.get(label, ""), new.get(label, "")
        left, right = marked(a, b)
        rows.append(Row(label=label, changed=a != b, old=left, new=right))
    return rows
