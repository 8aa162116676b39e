"""A city's worth of data for the benchmarks (``manage.py seed_city``): the
scale, a progress bar, and fast inserts shared by every app's part. The feature
apps write their own part (consultations/city.py, volunteers/city.py,
volunteers/city_records.py), called by name from the command."""
