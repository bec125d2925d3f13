from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("about/", views.page_detail, {"slug": "about"}, name="about"),
    path("contact/", views.page_detail, {"slug": "contact"}, name="contact"),
    path("copyright/", views.page_detail, {"slug": "copyright"}, name="copyright"),
    path("advertise/", views.page_detail, {"slug": "advertise"}, name="advertise"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("feed.xsl", views.feed_stylesheet, name="feed_stylesheet"),
]
