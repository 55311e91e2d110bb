"""A fixed-window rate limit per client address, kept in Django's cache (Redis when set, so
every web process shares the count). The address is core.client_address's (PROXY_COUNT)."""

import time

from django.core.cache import cache

from sashakt.core.client_address import client_address


def rate_limited(request, *, scope: str, per_minute: int) -> bool:
    """Count this request; True once the address made more than `per_minute` this minute."""
    window = int(time.time() // 60)
    key = f"ratelimit:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > per_minute
