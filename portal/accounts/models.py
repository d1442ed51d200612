from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from portal.validators import single_line


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email and not extra_fields.get("phone"):
            raise ValueError("An email address or a mobile number is required.")
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. She signs in with her email address or her
    mobile number (or both), or through WeChat; there is no username. Either may
    be missing: someone who signed up by phone has no email until she adds one,
    and someone who signed up through WeChat may have neither (her WeChat
    account, a SocialAccount, is her way in)."""

    username = None
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    # E.164, mainland China by default (settings.PHONENUMBER_DEFAULT_REGION); one account per number.
    phone = PhoneNumberField(_("mobile number"), unique=True, null=True, blank=True)
    # Set once she has typed the code we texted to it: only then is it a way in and a channel.
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)
    display_name = models.CharField(_("display name"), max_length=80, blank=True, validators=[single_line])
    # The language she last used the site in (RememberLanguageMiddleware) or chose on
    # her account page: every message to her is written in it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
    )
    # She asked for her account to be deleted; signing in before the grace period ends
    # (ACCOUNT_DELETION_GRACE_DAYS) clears it, after it portal/privacy/erasure.py runs.
    deletion_requested_at = models.DateTimeField(_("deletion requested at"), null=True, blank=True)
    # Her personal data was erased: the row stays, anonymised, for statistics and the placement ledger.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # No address is NULL, not "": the unique index allows many NULLs but one "".
        self.email = self.email or None
        super().save(*args, **kwargs)

    def __str__(self):
        return self.display_name or self.email or self.masked_phone

    @property
    def masked_phone(self):
        from portal.notifications.sms import mask

        return mask(self.phone) if self.phone else ""

    def get_full_name(self):
        return self.display_name or super().get_full_name() or self.email or self.masked_phone

    def get_short_name(self):
        return self.display_name or (self.email.split("@")[0] if self.email else self.masked_phone)


class PrivacyConsent(models.Model):
    """The record that a person agreed to a version of the privacy notice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    notice_version = models.CharField(_("privacy notice version"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"), default=timezone.now)

    class Meta:
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")
        ordering = ["-consented_at"]

    def __str__(self):
        return f"{self.user} · {self.notice_version}"


class SeekerProfile(models.Model):
    """What a graduate tells the portal about herself when she looks for work."""

    class Degree(models.TextChoices):
        ASSOCIATE = "associate", _("Associate degree (专科)")
        BACHELOR = "bachelor", _("Bachelor's degree")
        MASTER = "master", _("Master's degree")
        DOCTORATE = "doctorate", _("Doctorate")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile")
    school = models.CharField(_("school"), max_length=120, blank=True, validators=[single_line])
    major = models.CharField(_("major"), max_length=120, blank=True, validators=[single_line])
    degree = models.CharField(_("degree"), max_length=20, choices=Degree.choices, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True, validators=[single_line])
    preferences = models.TextField(_("what kind of work she is looking for"), blank=True)

    class Meta:
        verbose_name = _("job seeker profile")
        verbose_name_plural = _("job seeker profiles")

    def __str__(self):
        return str(self.user)



class AccessRecord(models.Model):
    """Someone read a piece of her personal information that is not theirs: her
    phone number, a consultation note, her résumé or CV. She sees these on her
    privacy page; nobody can change or delete them but her account's deletion."""

    class What(models.TextChoices):
        PHONE = "phone", _("mobile number")
        NOTE = "note", _("consultation note")
        RESUME = "resume", _("résumé")
        CV = "cv", _("CV")

    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_records",
                                verbose_name=_("whose information"))
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("read by"))
    what = models.CharField(_("what"), max_length=10, choices=What.choices)
    # What it was read for, e.g. "booking 42", in words a person understands.
    context = models.CharField(_("context"), max_length=200, blank=True)
    allowed = models.BooleanField(_("allowed"), default=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"])]

    def __str__(self):
        return f"{self.reader} · {self.get_what_display()} · {self.at:%Y-%m-%d %H:%M}"

