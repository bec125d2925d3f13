"""The version a form was opened on travels with it, and a save from an older one is refused."""

from django import forms
from django.core.exceptions import ValidationError

from history import diff, services, snapshots


def _typed_text(form) -> dict:
    """What the person typed, as text keyed by field label, for showing beside the others'."""
    typed = {}
    for name, value in getattr(form, "cleaned_data", {}).items():
        field = form.fields.get(name)
        if field is None or name in ("seen_version", "version_note") or field.label is None:
            continue
        if name == "body":
            value = snapshots.plain_text(value)
        elif getattr(field, "choices", None) and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        elif hasattr(value, "all"):
            value = "、".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "是" if value else "否"
        elif isinstance(value, list):
            value = "、".join(str(v) for v in value)
        typed[str(field.label)] = "" if value is None else str(value)
    return typed


class VersionChecked:
    """Mixin for a ModelForm of a model with a `version`: adds the hidden version and checks it.

    On a refusal the form keeps every value posted, and `conflict_rows` holds, per field the
    others changed, the text as opened, as it is now, and as this person typed it.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"] = forms.IntegerField(
            # 0 for something not yet saved: if someone saves it first, this form is refused.
            widget=forms.HiddenInput,
            required=False,
            initial=self.instance.version if self.instance.pk else 0,
        )
        self.conflict = None
        self.conflict_rows = []

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        seen = cleaned.get("seen_version")
        if seen != self.instance.version:
            self.conflict = services.VersionConflict(
                obj=self.instance,
                seen=seen,
                current=self.instance.version,
                since=services.changes_since(self.instance, seen),
            )
            opened = services.seen_text(self.instance, seen)
            _, now = snapshots.take(self.instance)
            typed = _typed_text(self)
            for row in diff.compare(opened, now):
                mine = typed.get(row.label)
                # Without the opened version on record, show where the page differs from yours.
                if row.changed or (not opened and mine is not None and mine != now.get(row.label)):
                    self.conflict_rows.append((row, mine))
            # Saving again now means merging onto what is there: the form carries its version.
            self.data = self.data.copy()
            self.data[self.add_prefix("seen_version")] = str(self.instance.version)
            raise ValidationError(
                f"保存未成功：{self.conflict}你填写的内容都还在，请对照上方他人的改动合并后再保存。",
                code="version_conflict",
            )
        return cleaned
