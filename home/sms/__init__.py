"""Text messages (短信), sent like email: ``send_sms`` stores each in the outbox
(home.models.OutboundSms) and a Celery task delivers it through the backend
chosen by ``CANYU_SMS_BACKEND`` (README, "SMS").

    from home.sms import send_sms
    send_sms(to="+8613812345678", kind="verification_code",
             params={"code": "123456"}, erase_after_delivery=True)

``send_sms`` is loaded on first use: the settings read ``home.sms.kinds``
before Django's models are ready."""

__all__ = ["send_sms"]


def __getattr__(name):
    if name == "send_sms":
        from home.sms.services import send_sms

        return send_sms
    raise AttributeError(f"module 'home.sms' has no attribute {name!r}")
