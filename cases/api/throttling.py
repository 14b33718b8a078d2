"""Anonymous throttling of the public API (DRF's AnonRateThrottle, rate from settings)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonThrottle(AnonRateThrottle):
    """Reads its rate on every request (DRF binds it at import), so settings can change it.

    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] (env API_ANON_RATE, e.g. "120/min");
    None turns throttling off. Over the rate: 429 with Retry-After and a JSON body.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
