"""Cursor pagination for every list of the API: stable under inserts, and no
OFFSET that grows with depth (docs/pitfalls: long lists)."""

from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-pk"

    def get_ordering(self, request, queryset, view):
        """The view's ``ordering`` (a unique last field keeps pages disjoint)."""
        ordering = getattr(view, "ordering", None) or self.ordering
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)
