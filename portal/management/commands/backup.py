from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个 .tar.gz 文件（先把 Redis 中的广告展示次数写入数据库）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="备份文件路径，默认 var/backups/portal-<时间>.tar.gz",
        )

    def handle(self, *args, path=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(path or settings.BASE_DIR / "var" / "backups" / f"portal-{stamp}.tar.gz")
        try:
            manifest = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份到 {target}：数据库和 {manifest['media_files']} 个上传文件"
                f"（写入了 {manifest['impressions_flushed']} 次广告展示）。"
            )
        )
