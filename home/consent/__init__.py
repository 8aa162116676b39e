"""Consent, recorded: which version of the privacy policy and the terms each
person accepted at sign-up, the separate consent for sensitive personal
information at volunteer registration (PIPL art. 29), and asking again, on the
next visit, when a policy's current version changes (``ConsentMiddleware``).

The models are ``home.models.PolicyVersion`` and ``home.models.ConsentRecord``;
reads in ``selectors``, writes in ``services``."""
