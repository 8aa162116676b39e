"""The State Council's official holiday schedules (国务院办公厅关于部分节假日安排的
通知), one year each: the days off and the make-up working days (调休).
2026: 国办发明电〔2025〕7号, 4 November 2025."""

import datetime


def _days(year, month, first, last=None):
    last = last or first
    return [datetime.date(year, month, day) for day in range(first, last + 1)]


# year → list of (name, days off, make-up working days)
SCHEDULES = {
    2026: [
        ("元旦", _days(2026, 1, 1, 3), _days(2026, 1, 4)),
        (
            "春节",
            _days(2026, 2, 15, 23),
            _days(2026, 2, 14) + _days(2026, 2, 28),
        ),
        ("清明节", _days(2026, 4, 4, 6), []),
        ("劳动节", _days(2026, 5, 1, 5), _days(2026, 5, 9)),
        ("端午节", _days(2026, 6, 19, 21), []),
        ("中秋节", _days(2026, 9, 25, 27), []),
        (
            "国庆节",
            _days(2026, 10, 1, 7),
            _days(2026, 9, 20) + _days(2026, 10, 10),
        ),
    ],
}
