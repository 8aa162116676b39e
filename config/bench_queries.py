"""`make bench` only (config/settings/bench.py): each response carries the
number of SQL queries its request made, in ``X-Queries``."""

from django.db import connections


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        # Not ``connection.execute_wrapper()``: its exit pops the last wrapper,
        # which is the page cache's when the connection was opened inside (it
        # adds its own on connection_created); this one is removed by itself.
        wrappers = connections["default"].execute_wrappers
        wrappers.append(counted)
        try:
            response = self.get_response(request)
        finally:
            wrappers.remove(counted)
        response["X-Queries"] = str(count)
        return response
