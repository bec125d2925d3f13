from django.core.management.base import BaseCommand

from ads.counters import flush_impressions


class Command(BaseCommand):
    help = "把缓存中的广告展示次数写入每日数据（建议每 5 分钟运行一次）。"

    def handle(self, *args, **options):
        moved = flush_impressions()
        self.stdout.write(f"已写入 {moved} 次展示。")
