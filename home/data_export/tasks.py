"""Background jobs of "download my data". Thin: take ids, call a service; both
are safe to run twice. Registered through home/tasks.py."""

from celery import shared_task

from home.data_export import services


@shared_task
def data_export_build(export_id: int) -> bool:
    return services.data_export_build(export_id=export_id)


@shared_task
def data_exports_expire() -> int:
    return services.data_exports_expire()
