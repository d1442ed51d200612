"""Test data for accounts, reused by the other apps' tests.

    user = UserFactory()                    # verified, can log in with PASSWORD
    user = UserFactory(verified=False)      # signed up, address not confirmed yet
    user = UserFactory(password="other")    # another password
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
