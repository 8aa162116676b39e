"""Personal access tokens for the API: created, listed and revoked on
/me/account/tokens/ (views.py), checked on every API request by
``authentication.BearerTokenAuthentication``; their scope (read or write) is
enforced by ``permissions.TokenScope``."""
