"""Pages of worker services: workers' and providers' pages (worker.py); officers' pages for
centres and schedules (centres.py), bookings (bookings.py) and rights cases (cases.py)."""
