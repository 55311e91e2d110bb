"""A fixed-window rate limit per client address, kept in Django's cache (Redis when set, so
every web process shares the count)."""

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the address the outermost of them
    saw (each proxy appends its client to X-Forwarded-For; earlier entries can be forged)."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT or 0
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


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
