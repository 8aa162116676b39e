"""Development: each text is written to its own file under var/sms/, where a
developer (or a browser test) reads the code, as emails go to var/mail/."""

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from home.sms.backends import SmsMessage


class FileSmsBackend:
    def __init__(self, directory: str | None = None):
        self.directory = Path(directory or settings.CANYU_SMS_FILE_PATH)

    def send(self, message: SmsMessage) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = self.directory / f"{stamp}-{message.id}.txt"
        path.write_text(
            f"To: {message.to}\nKind: {message.kind.name}\n\n{message.text()}\n",
            encoding="utf-8",
        )
        return path.name
