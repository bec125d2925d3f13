"""Make N synthetic articles from the newspaper page's own sentences, for load and search tests."""

import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem
from tqdm import tqdm

from news.management.commands import _corpus as corpus
from news.models import Article, Byline, Contributor, Kind, Section, Status, Zone
from news.search_text import search_fields
from portal import pagecache


class Command(BaseCommand):
    help = "生成 N 篇模拟稿件（由报纸版面原句重组），用于压力测试和检索基准。"

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="要生成的稿件数")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--length", type=int, default=1500, help="正文大约的字数")
        parser.add_argument("--years", type=int, default=5, help="发布时间分布在最近几年")
        parser.add_argument("--seed", type=int, default=None, help="随机种子，便于重现")
        parser.add_argument("--quiet-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, count, batch_size, length, years, seed, quiet_progress, **options):
        if count < 1 or batch_size < 1 or length < 50 or years < 1:
            raise CommandError("count、batch-size 须为正数，length 至少 50，years 至少 1。")
        maker = ArticleMaker(random.Random(seed), length=length, years=years)
        with tqdm(total=count, unit="篇", disable=quiet_progress) as progress:
            done = 0
            while done < count:
                size = min(batch_size, count - done)
                maker.make_batch(size)
                done += size
                progress.update(size)
        if connection.vendor == "postgresql":
            # Fresh statistics and visibility map: without them the planner guesses row counts
            # from an empty table and reader pages fall back to scans (see make bench).
            # VACUUM cannot run inside a transaction (a test's, or a caller's).
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(f"{vacuum} news_article")
                cursor.execute("ANALYZE news_article_zones, news_byline, taggit_taggeditem")
        # Bulk inserts bypass save(): cached reader pages must not go on showing the old list.
        pagecache.bump()
        self.stdout.write(self.style.SUCCESS(f"已生成 {count} 篇稿件。"))


class ArticleMaker:
    """Builds batches of articles with bylines, zones and tags, in a few bulk inserts each."""

    def __init__(self, rng: random.Random, *, length: int, years: int):
        self.rng = rng
        self.length = length
        self.span = timedelta(days=365 * years)
        self.now = timezone.now()
        self.sections = [
            Section.objects.get_or_create(slug=slug, defaults={"name": name, "position": n})[0]
            for n, (name, slug) in enumerate(corpus.SECTIONS, start=1)
        ]
        self.zones = [
            Zone.objects.get_or_create(
                slug=slug, defaults={"name": name, "full_name": full, "province": province}
            )[0]
            for name, full, slug, province in corpus.ZONES
        ]
        names = {rng.choice(corpus.SURNAMES) + rng.choice(corpus.GIVEN) for _ in range(80)}
        self.contributors = [Contributor.objects.get_or_create(name=n)[0] for n in sorted(names)]
        self.tags = [Tag.objects.get_or_create(name=name)[0] for name in corpus.TAGS]
        self.article_type = ContentType.objects.get_for_model(Article)

    def _body(self, zone: Zone) -> str:
        parts, size = [], 0
        while size < self.length:
            if self.rng.random() < 0.08:
                parts.append(f"<h2>{self.rng.choice(corpus.HEADINGS)}</h2>")
            sentences = self.rng.sample(corpus.SENTENCES, self.rng.randint(2, 5))
            text = "".join(sentences)
            for page_zone in corpus.PAGE_ZONES:
                text = text.replace(page_zone, zone.name)
            parts.append(f"<p>{text}</p>")
            size += len(text)
        return "".join(parts)

    def _article(self) -> tuple[Article, Zone]:
        rng = self.rng
        zone = rng.choice(self.zones)
        roll = rng.random()
        if roll < 0.94:
            status, publish_at = Status.PUBLISHED, self.now - self.span * rng.random()
        elif roll < 0.96:
            status, publish_at = Status.PUBLISHED, self.now + timedelta(days=rng.randint(1, 30))
        else:
            status, publish_at = rng.choice([Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED]), None
            if status == Status.UNPUBLISHED:
                publish_at = self.now - self.span * rng.random()
        kind = rng.choices([Kind.FEATURE, Kind.BRIEF, Kind.PHOTO], weights=[6, 3, 1])[0]
        article = Article(
            kind=kind,
            kicker=f"{zone.name}{rng.choice(corpus.HEADINGS)}——" if rng.random() < 0.3 else "",
            title=f"{zone.name}{rng.choice(corpus.HEADINGS)}"[:120],
            body=self._body(zone),
            source="本报讯" if kind == Kind.BRIEF else "",
            dateline=_dateline(publish_at) if kind == Kind.BRIEF else "",
            section=rng.choice(self.sections),
            status=status,
            publish_at=publish_at,
        )
        return article, zone

    @transaction.atomic
    def make_batch(self, size: int) -> None:
        made = [self._article() for _ in range(size)]
        # Bylines are chosen first so that each article's stored search text includes them.
        people_of = []
        for article, _ in made:
            people = self.rng.sample(self.contributors, self.rng.choice([1, 1, 1, 2]))
            role = Byline.Role.SPECIAL_CORRESPONDENT if article.source else Byline.Role.AUTHOR
            people_of.append((people, role))
            for name, value in search_fields(
                article, [(role, person.name) for person in people]
            ).items():
                setattr(article, name, value)
        articles = Article.objects.bulk_create([article for article, _ in made])
        zone_links, bylines, tagged = [], [], []
        for article, (_, zone), (people, role) in zip(articles, made, people_of, strict=True):
            zone_links.append(Article.zones.through(article_id=article.pk, zone_id=zone.pk))
            bylines += [
                Byline(article=article, contributor=person, role=role, position=n)
                for n, person in enumerate(people)
            ]
            tagged += [
                TaggedItem(tag=tag, content_type=self.article_type, object_id=article.pk)
                for tag in self.rng.sample(self.tags, self.rng.randint(1, 3))
            ]
        Article.zones.through.objects.bulk_create(zone_links)
        Byline.objects.bulk_create(bylines)
        TaggedItem.objects.bulk_create(tagged)


def _dateline(publish_at) -> str:
    """A brief's dateline as printed, 3月25日, in the newspaper's time zone."""
    if publish_at is None:
        return ""
    local = timezone.localtime(publish_at)
    return f"{local.month}月{local.day}日"
