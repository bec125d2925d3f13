from django.core.management.base import BaseCommand
from tqdm import tqdm

from news.models import Photo
from news.renditions import ensure_renditions


class Command(BaseCommand):
    help = "为缺少尺寸版本的图片补做（如调整了尺寸列表之后）；已有的版本不会重做。"

    def handle(self, *args, **options):
        made = 0
        photos = Photo.objects.order_by("pk")
        for photo in tqdm(photos.iterator(), total=photos.count(), unit="张", disable=None):
            made += len(ensure_renditions(photo))
        self.stdout.write(self.style.SUCCESS(f"补做了 {made} 个图片尺寸版本。"))
