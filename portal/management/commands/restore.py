from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 backup 生成的文件恢复数据库和上传文件；只恢复到空数据库和空的上传目录。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="backup 生成的 .tar.gz 文件")

    def handle(self, *args, path, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"找不到备份文件 {source}。")
        # An empty database is first given its tables (and the groups migrations make).
        call_command("migrate", verbosity=0, interactive=False)
        try:
            manifest = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已恢复 {manifest['created']} 的备份："
                f"数据库和 {manifest['media_files']} 个上传文件。"
            )
        )
