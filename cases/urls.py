from django.urls import path

from cases import exports, feeds, views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("feed/", feeds.SearchFeed(), name="search-feed"),
    path("export.<str:fmt>", exports.export, name="export"),
    path("<slug:slug>/", views.case_detail, name="detail"),
    path("<slug:slug>/feed/", feeds.CaseFeed(), name="feed"),
]
