"""Listing image files are deleted once no listing (live, draft or revision) refers to them.

A revision starts with the live listing's image name, so a file can be shared; it goes only
when the last row that names it has changed or gone, and only after that commit.
"""

from django.db import transaction

from ads.models import Listing


def delete_unused_images(names) -> None:
    names = {name for name in names if name}
    if not names:
        return

    def delete():
        used = set(Listing.objects.filter(image__in=names).values_list("image", flat=True))
        storage = Listing._meta.get_field("image").storage
        for name in names - used:
            if storage.exists(name):
                storage.delete(name)

    transaction.on_commit(delete)


def stored_image(listing: Listing) -> str:
    """The image name the database holds for this listing now (before a save replaces it)."""
    if listing.pk is None:
        return ""
    return Listing.objects.filter(pk=listing.pk).values_list("image", flat=True).first() or ""


def _on_delete(sender, instance, **kwargs):
    # Deletes come from many places (the admin, an advertiser's cascade, an approved revision);
    # the file follows the row wherever it went from. Housekeeping, not a business rule.
    delete_unused_images([instance.image.name])


def connect() -> None:
    from django.db.models.signals import post_delete

    post_delete.connect(_on_delete, sender=Listing, dispatch_uid="ads.images.delete")
