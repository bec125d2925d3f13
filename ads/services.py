"""Changes to listings: each checks the state it starts from, and is recorded in the history."""

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.utils import timezone

from ads.images import delete_unused_images, stored_image
from ads.models import Listing
from ads.models import ListingStatus as S


class ListingStateError(ValueError):
    """The action does not apply to the listing in its current state; the message says why."""


def _log(*, listing: Listing, user, message: str) -> None:
    # Revisions vanish when merged, so their history is kept on the listing they change.
    target = listing.revision_of or listing
    prefix = "修改稿：" if listing.is_revision else ""
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[target],
        action_flag=CHANGE,
        change_message=prefix + message,
        single_object=True,
    )


def _move(*, listing: Listing, allowed: tuple, to: str, error: str, fields=()) -> None:
    if listing.status not in allowed:
        raise ListingStateError(error)
    listing.status = to
    listing.save(update_fields=["status", "updated_at", *fields])


def _require_editor(user) -> None:
    if not user.has_perm("ads.approve_listing"):
        raise PermissionDenied("只有编辑可以审核广告。")


@transaction.atomic
def listing_save(*, listing_form: ModelForm, contact_formset: BaseInlineFormSet, user) -> Listing:
    """Save an advertiser's edit: in place for a draft, beside a live listing as its revision."""
    listing = listing_form.save(commit=False)
    if not listing.edits_in_place:
        raise ListingStateError("已通过的广告请修改其修改稿，线上内容在编辑审核前保持不变。")
    created = listing.pk is None
    previous_image = stored_image(listing)
    # A rejected listing that is changed is a draft again until it is resubmitted.
    listing.status = S.DRAFT
    listing.save()
    if previous_image != listing.image.name:
        delete_unused_images([previous_image])
    position = 0
    for form in contact_formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data:
            continue
        if data.get("DELETE"):
            if form.instance.pk:
                form.instance.delete()
            continue
        contact = form.save(commit=False)
        contact.listing = listing
        contact.position = position
        contact.save()
        position += 1
    _log(listing=listing, user=user, message="新建" if created else "修改")
    return listing


@transaction.atomic
def listing_submit(*, listing: Listing, user) -> Listing:
    """A draft, or a rejected listing, goes to the editors' review queue."""
    if not listing.contacts.exists():
        raise ListingStateError("请至少填写一个联系方式后再提交审核。")
    _move(
        listing=listing,
        allowed=(S.DRAFT, S.REJECTED),
        to=S.REVIEW,
        error="只有草稿或未通过的广告可以提交审核。",
    )
    _log(listing=listing, user=user, message="提交审核")
    return listing


@transaction.atomic
def listing_withdraw(*, listing: Listing, user) -> Listing:
    """The advertiser takes a listing back from review to change it."""
    _move(listing=listing, allowed=(S.REVIEW,), to=S.DRAFT, error="只有待审的广告可以撤回。")
    _log(listing=listing, user=user, message="撤回审核")
    return listing


@transaction.atomic
def listing_pause(*, listing: Listing, user) -> Listing:
    _move(listing=listing, allowed=(S.APPROVED,), to=S.PAUSED, error="只有已通过的广告可以暂停。")
    _log(listing=listing, user=user, message="暂停投放")
    return listing


@transaction.atomic
def listing_resume(*, listing: Listing, user) -> Listing:
    """A paused listing shows again with its approved words; nothing new needs review."""
    _move(listing=listing, allowed=(S.PAUSED,), to=S.APPROVED, error="只有已暂停的广告可以恢复。")
    _log(listing=listing, user=user, message="恢复投放")
    return listing


@transaction.atomic
def listing_approve(*, listing: Listing, editor, note: str = "") -> Listing:
    """Approve a listing; approving a revision puts its words on the live listing."""
    _require_editor(editor)
    if listing.status != S.REVIEW:
        raise ListingStateError("只有待审的广告可以审核。")
    now = timezone.now()
    if not listing.is_revision:
        listing.status = S.APPROVED
        listing.review_note = note
        listing.reviewed_at = now
        listing.save()
        _log(listing=listing, user=editor, message=f"审核通过。{note}".strip())
        return listing
    original = listing.revision_of
    replaced_image = original.image.name
    for field in Listing.CONTENT_FIELDS:
        setattr(original, field, getattr(listing, field))
    original.review_note = note
    original.reviewed_at = now
    original.save()
    original.contacts.all().delete()
    listing.contacts.update(listing=original)
    _log(listing=listing, user=editor, message=f"审核通过，已替换线上内容。{note}".strip())
    listing.delete()
    delete_unused_images([replaced_image])
    return original


@transaction.atomic
def listing_reject(*, listing: Listing, editor, note: str) -> Listing:
    """Send a listing back with a note the advertiser reads; a live listing stays as it was."""
    _require_editor(editor)
    if not note.strip():
        raise ListingStateError("退回时请写明原因，广告主会看到。")
    if listing.status != S.REVIEW:
        raise ListingStateError("只有待审的广告可以审核。")
    listing.status = S.REJECTED
    listing.review_note = note.strip()
    listing.reviewed_at = timezone.now()
    listing.save(update_fields=["status", "review_note", "reviewed_at", "updated_at"])
    _log(listing=listing, user=editor, message=f"退回：{listing.review_note}")
    return listing
