"""Pages of newest-first story lists that cost the same at page 500 as at page 1."""

from django.utils.functional import cached_property


class ListPage:
    """One page of a list, without counting the whole list.

    The ids of the page are found first: ordered like the (…, status, publish_at, id)
    indexes, so the rows before the page are skipped in an index-only scan rather than
    fetched from the table, and only the page's own stories are then loaded. A number past
    the end (or not a number) shows the first page.
    """

    def __init__(self, queryset, number, size: int):
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        ordered = queryset.newest_first()
        ids = list(ordered.values_list("pk", flat=True)[(number - 1) * size : number * size + 1])
        if not ids and number > 1:
            number = 1
            ids = list(ordered.values_list("pk", flat=True)[: size + 1])
        self.number = number
        self.has_next = len(ids) > size
        self._ids = ids[:size]
        self._queryset = queryset

    @cached_property
    def object_list(self):
        if not self._ids:
            return []
        return list(self._queryset.filter(pk__in=self._ids).for_listing().newest_first())

    @property
    def has_previous(self):
        return self.number > 1

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1

    def __bool__(self):
        return bool(self._ids)
