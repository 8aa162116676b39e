"""Closing an account (注销账号, issue 13 part 2): the request and its grace
period, cancelling by signing in, and the anonymisation when it falls due.

Each app erases its own part: ``<app>/erasure.py`` with ``anonymise(*, user)``,
found when needed (``erasure_modules``) so that ``home`` never imports the
other apps."""
