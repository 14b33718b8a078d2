"""Demo data: the model case of shared/reference/case-kazakhstan-2010.md, in our own words.

The data is declared in organizations.py, people.py, case.py (case and sources),
records.py and events.py; loader.py writes it. `python manage.py load_demo` runs it.
"""

from cases.demo.case import CASE_SLUG
from cases.demo.loader import load_demo

__all__ = ["CASE_SLUG", "load_demo"]
