from taggit.forms import TagWidget

from news.tags import parse_tags


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated text input, with existing tags suggested as the editor types."""

    template_name = "news/widgets/tag_suggest.html"

    class Media:
        js = ["news/admin/tag-suggest.js"]

    def __init__(self, *args, suggest_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggest_url = suggest_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}-suggestions"
        widget_attrs["data-suggest-url"] = self.suggest_url
        widget_attrs["autocomplete"] = "off"
        # Chips rendered by the server too, so the split is visible without JavaScript.
        context["widget"]["chips"] = parse_tags(context["widget"]["value"] or "")
        return context
