"""The shared core's admin screens; home/wagtail_hooks.py registers them.

(Django's admin autodiscovery imports this package too, so it imports nothing.)"""
