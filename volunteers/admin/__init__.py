"""The Wagtail admin screens of volunteers, one module per subject;
volunteers/wagtail_hooks.py registers them."""
