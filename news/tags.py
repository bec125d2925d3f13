"""Tags as a Chinese input method types them: 营商环境，放管服、一网通办；数字政府 are four tags.

Named in settings as TAGGIT_TAGS_FROM_STRING and TAGGIT_STRING_FROM_TAGS, so every tag field
(admin, forms, shell) splits the same way; static/news/admin/tag-suggest.js splits alike.
"""

import re

from taggit.utils import _parse_tags

# Half- and full-width commas, the enumeration comma, half- and full-width semicolons.
SEPARATORS = re.compile(r"[,，、；;]")


def parse_tags(text: str) -> list[str]:
    """Split on any separator; with none, taggit's rules apply (spaces separate, quotes group)."""
    return _parse_tags(SEPARATORS.sub(",", text or ""))


def edit_string(tags) -> str:
    """The tags as the form shows them: joined by ，, a name with a space quoted."""
    names = sorted(tag.name for tag in tags)
    return "，".join(f'"{name}"' if " " in name else name for name in names)
