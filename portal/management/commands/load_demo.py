from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ads.models import Advertiser, Member
from epaper.models import Page
from epaper.services import page_ensure_renditions
from news.models import Article, Photo
from news.renditions import ensure_renditions

# The newspaper page's content, in load order.
FIXTURES = [
    "fixtures/newspaper_page.json",
    "fixtures/photos.json",
    "fixtures/ads.json",
    "fixtures/epaper.json",
]
# Files the fixtures refer to, laid out as they are stored under MEDIA_ROOT.
FIXTURE_MEDIA = "fixtures/media"

# For local use only: these passwords are printed in the README.
DEMO_ACCOUNTS = [
    {"username": "editor", "password": "demo-editor-2024", "group": "编辑", "last_name": "编辑部"},
    {
        "username": "reporter",
        "password": "demo-reporter-2024",
        "group": "记者",
        "last_name": "记者",
    },
]


# Advertisers sign in at /advertisers/, never the admin: these accounts are not staff.
DEMO_ADVERTISER_ACCOUNTS = [
    {"username": "zhongkai", "password": "demo-advertiser-2024", "advertiser": 1},
]


def load_advertiser_accounts():
    for account in DEMO_ADVERTISER_ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=account["username"], defaults={"is_staff": False, "is_active": True}
        )
        user.set_password(account["password"])
        user.save()
        advertiser = Advertiser.objects.get(pk=account["advertiser"])
        Member.objects.update_or_create(user=user, defaults={"advertiser": advertiser})


class Command(BaseCommand):
    help = "载入报纸版面内容和演示账号（可重复运行，不会重复创建）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="即使 DEBUG 关闭也创建演示账号（其密码是公开的）。",
        )

    @transaction.atomic
    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("演示账号的密码是公开的：只在 DEBUG=1 的本地环境中载入。")
        for fixture in FIXTURES:
            call_command("loaddata", settings.BASE_DIR / fixture, verbosity=0)
        install_fixture_media(settings.BASE_DIR / FIXTURE_MEDIA)
        # loaddata writes rows directly, so the photo text for search is filled in here.
        Article.objects.filter(lead_photo__isnull=False).refresh_photo_text()
        for account in DEMO_ACCOUNTS:
            user, _ = User.objects.update_or_create(
                username=account["username"],
                defaults={"is_staff": True, "is_active": True, "last_name": account["last_name"]},
            )
            user.set_password(account["password"])
            user.save()
            user.groups.set([Group.objects.get(name=account["group"])])
        load_advertiser_accounts()
        self.stdout.write(self.style.SUCCESS("已载入版面内容。演示账号（仅限本地使用）："))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {account['group']}：{account['username']} / {account['password']}"
            )
        for account in DEMO_ADVERTISER_ACCOUNTS:
            self.stdout.write(
                f"  广告主（/advertisers/）：{account['username']} / {account['password']}"
            )


def install_fixture_media(source) -> None:
    """Copy the fixtures' images into storage, once, and make their renditions, once."""
    names = []
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        names.append(name)
        if not default_storage.exists(name):
            with path.open("rb") as handle:
                default_storage.save(name, File(handle))
    for photo in Photo.objects.filter(image__in=names):
        ensure_renditions(photo)
    for page in Page.objects.filter(image__in=names):
        page_ensure_renditions(page=page)
