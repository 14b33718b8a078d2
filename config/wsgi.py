"""WSGI entry point (gunicorn config.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Everything loaded so far lives as long as the process. Frozen, it is no longer walked by
# each full garbage collection, which otherwise paused one request in eight by 30-40 ms
# (measured on the search page at a million cases; bench/RESULTS.md).
gc.freeze()
