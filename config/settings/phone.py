"""Mobile numbers and SMS codes (allauth's phone support), part of the base
settings. docs.allauth.org/en/latest/account/configuration.html"""

from .limits import SILENCED_SYSTEM_CHECKS

ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 10 * 60  # a code lives ten minutes
ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 3
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60  # as the text says: ten minutes
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
# A taken number or address gets the same pages as a new one.
ACCOUNT_PREVENT_ENUMERATION = True
# Sign-up needs a mobile number or an email address, either one: allauth's
# check wants one of them always required (home.forms.SignupForm requires one).
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "account.W001"]
# Six digits, as Chinese SMS code templates require (Tencent's accept digits only).
SMS_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = SMS_CODE_FORMAT
ACCOUNT_LOGIN_BY_CODE_FORMAT = SMS_CODE_FORMAT
