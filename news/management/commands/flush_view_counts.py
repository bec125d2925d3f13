from django.core.management.base import BaseCommand

from news.popularity import flush_views


class Command(BaseCommand):
    help = "把缓存中的文章阅读次数写入数据库，更新“热门”（建议每 5 分钟运行一次）。"

    def handle(self, *args, **options):
        moved = flush_views()
        self.stdout.write(f"已写入 {moved} 次阅读。")
