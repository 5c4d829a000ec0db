"""Background tasks for reminders and the pathway (django-tasks, database-backed queue; run by ``earnedsecure worker``)."""

from django_tasks import task

from earnedsecure.journey import services


@task()
def scan_reminders() -> int:
    """Create the reminders that are due for everyone and queue their emails. Idempotent."""
    return services.reminders_scan()


@task()
def send_reminder_email(reminder_id: int) -> bool:
    """Send one discreet reminder email (at most once per reminder)."""
    return services.reminder_send_email(reminder_id=reminder_id)


@task()
def scan_pathways() -> int:
    """Record the pathway stages people have newly reached (pages only show them). Idempotent."""
    return services.pathways_scan()
