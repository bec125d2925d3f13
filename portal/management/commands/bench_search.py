"""Search benchmark: fill the configured database, then time a fixed set of queries."""

import random
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat

from news.models import Article
from portal.search import matching_ids, parse_query, search

# Words that occur nowhere in the generated text; each is planted in a few articles, some
# of them not published, so that recall and the visibility rule are both measured.
MARKERS = {
    "鲲鹏": "鲲鹏计算产业园签约落地。",
    "琉璃瓦": "修缮后的琉璃瓦屋面重现光彩。",
    "珠峰雪莲": "珠峰雪莲种苗培育基地投入使用。",
    "量子点显示面板": "量子点显示面板生产线正式投产。",
}
PLANTED_PUBLISHED, PLANTED_HIDDEN = 25, 5

QUERIES = [
    ("2 字 常见", "党建"),
    ("2 字 园区名", "张江"),
    ("2 字 罕见", "鲲鹏"),
    ("3 字 常见", "高新区"),
    ("3 字 罕见", "琉璃瓦"),
    ("4 字 常见", "新就业群"),
    ("4 字 罕见", "珠峰雪莲"),
    ("4 字 常见字对、无结果", "发展党建"),
    ("8 字 常见", "新业态新就业群体"),
    ("7 字 罕见", "量子点显示面板"),
    ("两个词", "银川 效能"),
]


class Command(BaseCommand):
    help = "检索基准：补足稿件数，逐条查询多次，报告 p50/p95 耗时和相对子串扫描的召回率。"

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--seed", type=int, default=2024)

    def handle(self, *args, articles, runs, seed, **options):
        have = Article.objects.count()
        if have < articles:
            self.stdout.write(f"数据库中有 {have} 篇，补足到 {articles} 篇……")
            call_command("generate_articles", articles - have, seed=seed, stdout=self.stdout)
        self._plant_markers(random.Random(seed))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE news_article")
        total = Article.objects.count()
        published = Article.objects.published().count()
        self.stdout.write(
            f"\n{connection.vendor}：{total} 篇（已发布 {published}），"
            f"每条查询 {runs} 次，取第一页\n"
        )
        self.stdout.write(
            f"{'查询':<26}{'命中':>8}{'p50 ms':>10}{'p95 ms':>10}{'召回率':>8}{'精确率':>8}"
        )
        for label, text in QUERIES:
            self._bench(label, text, runs)

    def _plant_markers(self, rng):
        """Append each marker sentence to a few articles, through QuerySet.update()."""
        for marker, sentence in MARKERS.items():
            if Article.objects.filter(body__contains=marker).exists():
                continue
            published = list(Article.objects.published().values_list("pk", flat=True)[:5000])
            hidden = list(
                Article.objects.exclude(pk__in=Article.objects.published()).values_list(
                    "pk", flat=True
                )[:500]
            )
            chosen = rng.sample(published, min(PLANTED_PUBLISHED, len(published)))
            chosen += rng.sample(hidden, min(PLANTED_HIDDEN, len(hidden)))
            Article.objects.filter(pk__in=chosen).update(
                body=Concat(F("body"), Value(f"<p>{sentence}</p>"))
            )

    def _bench(self, label, text, runs):
        query = parse_query(text)
        search(query)  # warm the caches once, as a live site would be
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            search(query)
            timings.append((time.perf_counter() - start) * 1000)
        found = set(matching_ids(query))
        expected = set(matching_ids(query, use_index=False))
        recall = len(found & expected) / len(expected) if expected else 1.0
        precision = len(found & expected) / len(found) if found else 1.0
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        self.stdout.write(
            f"{label + '：' + text:<26}{len(expected):>8}{p50:>10.1f}{p95:>10.1f}"
            f"{recall:>8.2f}{precision:>8.2f}"
        )
