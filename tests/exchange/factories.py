import time

from django.contrib.auth import get_user_model

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from exchange.roles import needs_mfa

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRETS: dict[int, str] = {}  # user pk → the secret of their authenticator app


def totp_code(user) -> str:
    """What the user's authenticator app shows now."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(TOTP_SECRETS[user.pk], counter))


class UserFactory(factory.django.DjangoModelFactory):
    """A member whose e-mail address is verified, as allauth requires before sign-in."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.Sequence(lambda n: f"member{n}@demo.example")
    first_name = "Fictional"
    last_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """An authenticator app for those who must have one (staff), unless told otherwise."""
        wanted = needs_mfa(self) if extracted is None else extracted
        if create and wanted:
            TOTP_SECRETS[self.pk] = generate_totp_secret()
            TOTP.activate(self, TOTP_SECRETS[self.pk])
