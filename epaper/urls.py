from datetime import date

from django.urls import path, register_converter

from epaper import views


class DateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(value) from None

    def to_url(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


register_converter(DateConverter, "isodate")

app_name = "epaper"

urlpatterns = [
    path("", views.latest, name="latest"),
    path("editions/", views.edition_list, name="editions"),
    path("go/", views.go_to_date, name="go"),
    path("<isodate:date>/", views.page_detail, name="edition"),
    path("<isodate:date>/<int:number>/", views.page_detail, name="page"),
    path("<isodate:date>/<int:number>/page.pdf", views.page_pdf, name="page_pdf"),
    path("<isodate:date>/<int:number>/<int:width>.jpg", views.page_image, name="page_image"),
]
