"""allauth login stages of our own."""

from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.stages import EmailVerificationStage


class VerifiedEmailStage(EmailVerificationStage):
    """She gets in with a verified way in: a confirmed email address, a mobile
    number proven by a texted code (allauth's phone verification stage, which
    runs before this one) or her WeChat account (a login through allauth's
    socialaccount, see portal.accounts.wechat). Someone with none of them, who
    gave an address, is sent the confirmation email and waits for it, as
    allauth's "mandatory" would do; allauth cannot be told "mandatory" itself,
    since it would then require an email of those who sign up by phone or
    WeChat."""

    def handle(self):
        user = self.login.user
        if user is not None and (user.phone_verified or self._through_wechat()):
            return super().handle()  # OPTIONAL: a confirmation email still goes out on sign-up
        if user is not None and not user.email:
            return None, True  # a phone sign-up: the phone stage has verified her
        self.login.email_verification = EmailVerificationMethod.MANDATORY
        return super().handle()

    def _through_wechat(self):
        return bool((self.login.signal_kwargs or {}).get("sociallogin"))
