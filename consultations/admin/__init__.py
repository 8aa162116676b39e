"""consultations' screens in the Wagtail admin, one module per menu entry; they are
registered in consultations/wagtail_hooks.py."""
