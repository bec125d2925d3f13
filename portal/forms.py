from datetime import date

from django import forms

from news.models import Section, Zone
from portal.search import Filters, QueryError, parse_query

# Far enough for any archive; beyond it a date cannot be turned into a time in Asia/Shanghai.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


class SearchForm(forms.Form):
    """The reader's search: words, and optionally a column, a zone and a date range."""

    q = forms.CharField(
        label="搜索词", required=False, strip=True, widget=forms.TextInput(attrs={"type": "search"})
    )
    section = forms.ModelChoiceField(
        label="栏目",
        queryset=Section.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label="全部栏目",
    )
    zone = forms.ModelChoiceField(
        label="高新区",
        queryset=Zone.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label="全部园区",
    )
    date_from = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label="排序",
        choices=[("", "按相关度"), ("date", "按时间")],
        required=False,
    )

    def clean_q(self):
        text = self.cleaned_data["q"]
        if not text:
            return None
        try:
            return parse_query(text)
        except QueryError as error:
            raise forms.ValidationError(str(error), code="query") from None

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        for field, value in (("date_from", start), ("date_to", end)):
            if value and not EARLIEST_DATE <= value <= LATEST_DATE:
                self.add_error(field, "日期超出可查询的范围（1900年至2999年）。")
                start = end = None
        if start and end and start > end:
            self.add_error("date_to", "截止日期不能早于起始日期。")
        return cleaned

    def order(self) -> str:
        return "date" if self.cleaned_data.get("sort") == "date" else "relevance"

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            section=data.get("section"),
            zone=data.get("zone"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
