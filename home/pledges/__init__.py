"""Units' commitment letters (社会责任承诺书). The pages and their rows live in
home/models/pledges.py and pledge_reports.py; this package holds their selectors,
services, forms and the printable letter."""
