"""The kinds of text the site sends. Each provider needs one approved template
per kind (README, "SMS"): Tencent Cloud fills its ``{1}``, ``{2}`` … from
``params`` in ``param_names`` order, Alibaba Cloud its ``${name}`` by name.
``text`` is what the file backend writes, the same words as the approved
templates. No Django imports: production settings read the kind names."""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class SmsKind:
    name: str
    # Chinese text with ``{name}`` placeholders (str.format), the sign first.
    text: str
    param_names: tuple[str, ...]
    # Longest accepted value per parameter: providers refuse longer variables
    # (Tencent: a few characters for individuals, Alibaba: 35).
    max_length: int
    # A longer value is refused (ValueError) rather than shortened.
    strict_length: bool = False
    # Not delivered at all once this old (a code that expired while queued).
    deliver_within: timedelta | None = None


KINDS: dict[str, SmsKind] = {
    kind.name: kind
    for kind in (
        SmsKind(
            name="verification_code",
            text="【参与】您的验证码为 {code}，10 分钟内有效，请勿告诉他人。"
            "如非本人操作，请忽略本短信。",
            param_names=("code",),
            max_length=8,
            strict_length=True,
            # allauth's ACCOUNT_PHONE_VERIFICATION_TIMEOUT (15 minutes).
            deliver_within=timedelta(minutes=10),
        ),
        SmsKind(
            name="notification",
            text="【参与】{title}，请登录参与网站查看站内信。",
            param_names=("title",),
            max_length=20,
        ),
    )
}

KIND_NAMES: tuple[str, ...] = tuple(KINDS)


def sms_kind(name: str) -> SmsKind:
    """The registered kind called ``name``; ValueError for any other."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(
            f"Unknown SMS kind {name!r}; registered: {', '.join(KIND_NAMES)}."
        ) from None


def sms_params_clean(kind: SmsKind, params: dict) -> dict[str, str]:
    """Exactly the kind's parameters, as strings. A notification title longer
    than the kind allows is shortened with an ellipsis (the inbox keeps the
    whole text); a verification code that does not fit is refused."""
    if not isinstance(params, dict) or set(params) != set(kind.param_names):
        raise ValueError(
            f"SMS kind {kind.name!r} takes the parameters "
            f"{', '.join(kind.param_names)}."
        )
    cleaned = {}
    for name in kind.param_names:
        value = str(params[name]).strip()
        if not value:
            raise ValueError(f"SMS parameter {name!r} is empty.")
        if len(value) > kind.max_length:
            if kind.strict_length:
                raise ValueError(
                    f"SMS parameter {name!r} is longer than {kind.max_length}."
                )
            value = value[: kind.max_length - 1] + "…"
        cleaned[name] = value
    return cleaned
