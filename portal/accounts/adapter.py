from allauth.account.adapter import DefaultAccountAdapter

from portal.notifications.services import queue_message


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Through the outbox like every other email: sent by a worker after the
        # sign-up commits, and kept if the broker is away.
        queue_message(self.render_mail(template_prefix, email, context))
