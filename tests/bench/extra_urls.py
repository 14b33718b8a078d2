"""The site's URLconf with one public page more, which no benchmark scenario reaches."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site

urlpatterns = [*site, path("new-public-page/<slug:slug>/", lambda request, slug: HttpResponse())]
