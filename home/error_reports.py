"""What an error report may show. Django's reports (the emails to ADMINS, the
logs) include the POST data and every local variable of every frame; views that
take personal data mark it with ``sensitive_post_parameters`` and
``sensitive_variables``, and this filter hides by name whatever a view forgot
(allauth's reset form, the Wagtail admin, a new form next year)."""

import re

from django.utils.datastructures import MultiValueDict
from django.views.debug import SafeExceptionReporterFilter

# Field and variable names that hold a password, a phone or ID number, a code or
# a key. Matched anywhere in the name, case-insensitively.
PERSONAL_NAMES = re.compile(
    r"pass|phone|mobile|id_?number|id_?card|identity|token|key|secret|code|otp"
    r"|signature|csrf",
    re.IGNORECASE,
)


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    def _is_personal(self, name) -> bool:
        return isinstance(name, str) and bool(PERSONAL_NAMES.search(name))

    def _cleanse(self, value, depth: int = 0):
        """Hide the values of personal keys in dicts and MultiValueDicts (a
        form's ``cleaned_data``, ``request.POST`` in a local variable)."""
        if depth > 3:
            return value
        if isinstance(value, MultiValueDict):
            value = value.copy()
            for name in list(value):
                if self._is_personal(name):
                    value[name] = self.cleansed_substitute
            return value
        if isinstance(value, dict):
            return {
                name: self.cleansed_substitute
                if self._is_personal(name)
                else self._cleanse(item, depth + 1)
                for name, item in value.items()
            }
        return value

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        multivaluedict = super().get_cleansed_multivaluedict(request, multivaluedict)
        return (
            self._cleanse(multivaluedict) if self.is_active(request) else multivaluedict
        )

    def get_post_parameters(self, request):
        parameters = super().get_post_parameters(request)
        if request is None or not self.is_active(request):
            return parameters
        return self._cleanse(parameters)

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):
            return variables
        return [
            (
                name,
                self.cleansed_substitute
                if self._is_personal(name)
                else self._cleanse(value),
            )
            for name, value in variables
        ]
