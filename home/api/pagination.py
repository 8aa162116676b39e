"""Cursor pagination for every list of the API: stable under inserts, and no
OFFSET that grows with depth (docs/pitfalls: long lists)."""

from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    # A view sets its own ordering (a unique last field keeps pages disjoint).
    ordering = "-pk"
