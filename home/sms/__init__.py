def send_sms(*, to, kind, params, erase_after_delivery=False):
    raise NotImplementedError("wt-sms")
