"""Test data for accounts, reused by the other apps' tests.

- UserFactory(): a verified user who can log in with PASSWORD;
- UserFactory(verified=False): signed up, address not confirmed yet;
- UserFactory(password="other"): another password.
"""

import factory
from allauth.account.models import EmailAddress

from portal.accounts.models import User

PASSWORD = "Correct-Horse-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.django.Password(PASSWORD)
    is_active = True

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Record the address the way allauth does after confirmation: one
        EmailAddress, primary, verified unless `verified=False` is passed."""
        if not create:
            return
        EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=extracted is not False)


def reset_rate_limits():
    """Forget allauth's rate-limit history (sign-ups and logins per IP, one
    confirmation email per address every three minutes...).

    It lives in the cache, which with REDIS_URL is shared by every test of the
    run and by the runs after it: without this, a test that signs up
    alice@example.com silently gets no confirmation email because another test
    did so a minute earlier. Only allauth's keys are removed, never the whole
    Redis database, which is also the Celery broker.
    """
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    if isinstance(cache, LocMemCache):
        cache.clear()
    elif isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=cache.make_key("allauth:rl:*")))
        if keys:
            client.delete(*keys)
    else:  # pragma: no cover - no other cache is configured
        raise NotImplementedError(type(cache))


