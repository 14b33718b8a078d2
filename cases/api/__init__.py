"""The public read-only JSON API under /api/ (see README, API)."""
