"""Django's Redis cache, with one client object per connection pool.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` builds a new
``redis.Redis`` on every cache call. The connections are pooled, but building
the client object is not free (redis-py 8 sets up its retry, callbacks and
encoder each time): measured in ``make bench``'s settings, a fifth of an API
answer served from the cache went into it. A ``redis.Redis`` is safe to share
between threads (each command takes a connection from the pool), and the pool
starts afresh in a forked process (it checks its pid), so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
