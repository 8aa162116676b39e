"""The hotline's pages (/requests/… and /me/requests/): residents' (resident.py),
the units' queue (units.py), operators' and dispatchers' (operators.py), and the
public board, yearly table and city dashboard (public.py). Thin: parse, call a
service or selector, render."""
