from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("article/<int:pk>/", views.article_detail, name="article"),
    path("section/<slug:slug>/", views.section_detail, name="section"),
    path("photos/", views.photo_list, name="photos"),
    path("zones/", views.zone_list, name="zones"),
    path("zones/<slug:slug>/", views.zone_detail, name="zone"),
    # Tag slugs keep their Chinese characters, which the slug converter refuses.
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
]
