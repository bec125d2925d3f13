from django import forms
from django.core.exceptions import ValidationError

from epaper.models import Page, Region
from epaper.uploads import read_page_upload


class PageForm(forms.ModelForm):
    """A page with its upload: a one-page PDF (rendered here) or the page as an image."""

    upload = forms.FileField(
        label="上传版面（PDF 或图片）",
        required=False,
        help_text="一版一个文件：1 页的 PDF，或 JPEG、PNG、WebP 图片。PDF 会自动生成版面图。",
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
        ),
    )

    class Meta:
        model = Page
        fields = ["number", "name", "editor_name", "designer_name", "position"]

    def clean_upload(self):
        file = self.cleaned_data.get("upload")
        if not file:
            if not (self.instance.pk and self.instance.image):
                raise ValidationError("请上传本版的 PDF 或图片。", code="required")
            return None
        self.page_upload = read_page_upload(file)
        return file

    def clean(self):
        cleaned = super().clean()
        edition = cleaned.get("edition")
        if self.instance.pk and edition and "edition" in self.changed_data:
            # The regions move with the page, and a story is linked once per edition.
            stories = self.instance.regions.exclude(article=None).values("article")
            if Region.objects.filter(edition=edition, article__in=stories).exists():
                self.add_error(
                    "edition",
                    "本版有稿件已链接在该期次的其他版面上，一篇稿件在一期中只能链接一次。",
                )
        return cleaned

    def has_changed(self):
        # A new inline row with only an upload is still a page to save.
        return super().has_changed() or bool(self.files)
