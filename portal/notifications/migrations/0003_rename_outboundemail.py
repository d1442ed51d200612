from django.db import migrations


class Migration(migrations.Migration):
    """Text messages share the outbox with emails: the table keeps its rows."""

    dependencies = [("notifications", "0002_outboundemail_template")]

    operations = [migrations.RenameModel("OutboundEmail", "OutboundMessage")]
