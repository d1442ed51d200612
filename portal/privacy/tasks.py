from celery import shared_task


@shared_task
def build_export(export_id):
    """Build a large account's data export and send her the link."""
    from .export import build_and_send

    return build_and_send(export_id)


@shared_task
def erase_due_accounts():
    """Beat, daily: erase the accounts whose deletion grace period has passed."""
    from .erasure import erase_due

    return erase_due()
