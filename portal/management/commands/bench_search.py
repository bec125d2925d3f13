"""Search benchmark: fill the configured database, then time query classes and measure recall.

The expected results of each query are computed from the stored fields as a reader sees them
(title, kicker, subtitle, lead, body, photo text, bylines, source and dateline), with plain
SQL substring tests written out by hand for each query — not through the search's own
normalisation or index — so a normalisation bug shows up as lost recall.
"""

import random
import statistics
import time
from functools import reduce
from operator import and_, or_

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import F, Q, Value
from django.db.models.functions import Concat

from news.models import Article, Byline
from portal.search import matching_ids, parse_query, search

# Words that occur nowhere in the generated text; each is planted in a few articles, some
# of them not published, so that recall and the visibility rule are both measured.
MARKERS = {
    "鲲鹏": "鲲鹏计算产业园签约落地。",
    "琉璃瓦": "修缮后的琉璃瓦屋面重现光彩。",
    "珠峰雪莲": "珠峰雪莲种苗培育基地投入使用。",
    "量子点显示面板": "量子点显示面板生产线正式投产。",
    # Written full-width and traditional, as some sources send them.
    "ＸＹＺ": "ＸＹＺ智慧园区项目在寶雞鈦谷簽約。",
    "中国钛谷": "中国钛谷新材料产业园开工建设。",
}
PLANTED_PUBLISHED, PLANTED_HIDDEN = 25, 5

FIELDS = ("title", "kicker", "subtitle", "lead", "body", "search_extra", "source", "dateline")


def anywhere(*needles: str) -> Q:
    """A stored field contains one of the needles as printed (letters in any case), or a
    contributor on the story has that name."""
    return reduce(
        or_,
        (Q(**{f"{name}__icontains": needle}) for needle in needles for name in FIELDS),
    ) | reduce(
        or_,
        (
            Q(pk__in=Byline.objects.filter(contributor__name__contains=n).values("article_id"))
            for n in needles
        ),
    )


def every(*terms) -> Q:
    return reduce(and_, (anywhere(*t) if isinstance(t, tuple) else anywhere(t) for t in terms))


def dateline(source: str, role: str, name: str, day: str) -> Q:
    """The brief's lead-in 本报讯(特约通讯员 赵旭)3月25日: printed in a body, or made of the
    story's own source, byline and dateline."""
    printed = f"{source}({Byline.Role(role).label} {name}){day}"
    credited = Byline.objects.filter(contributor__name=name, role=role).values("article_id")
    return anywhere(printed) | Q(source=source, dateline=day, pk__in=credited)


LEAD_IN = "本报讯(特约通讯员 赵旭)3月25日"


def classes(author: str):
    """(class, query, expected) for every kind of query readers type."""
    surname, given = author[0], author[1:]
    return [
        ("2 字 常见", "党建", every("党建")),
        ("2 字 罕见", "鲲鹏", every("鲲鹏")),
        ("3 字 常见", "高新区", every("高新区")),
        ("3 字 罕见", "琉璃瓦", every("琉璃瓦")),
        ("4 字 罕见", "珠峰雪莲", every("珠峰雪莲")),
        ("4 字 无结果", "发展党建", every("发展党建")),
        ("8 字 常见", "新业态新就业群体", every("新业态新就业群体")),
        ("7 字 罕见", "量子点显示面板", every("量子点显示面板")),
        ("罕见词、三字组常见", "花检作业", every("花检作业")),
        ("罕见词、三字组常见", "破茧成蝶", every("破茧成蝶")),
        ("罕见词、三字组常见", "e心向党", every("e心向党")),
        ("罕见词、三字组常见", "引领“示范学”", every("引领“示范学”")),
        ("混合文字", "AI大数据", every("AI大数据")),
        ("混合文字", "SHANNING", every("SHANNING")),
        ("混合文字", "YW(优物)", every("YW(优物)")),
        ("全角", "ＳＨＡＮＮＩＮＧ", every("SHANNING")),
        ("全角", "ＡＩ大数据", every("AI大数据")),
        ("全角", "XYZ", every("ＸＹＺ")),
        ("繁体", "黨建", every("党建")),
        ("繁体", "營商環境", every("营商环境")),
        ("繁体", "寶雞高新區", every("宝鸡高新区")),
        ("繁体", "宝鸡钛谷", every("寶雞鈦谷")),
        ("标点", "党建，", every("党建")),
        ("标点", "力量，新业态", every("力量,新业态")),
        ("标点", '"三学五微四联"', every("“三学五微四联”")),
        ("标点", "SHANNING（陕驿）", every("SHANNING(陕驿)")),
        ("标点", "1+N", every("1+N")),
        ("单字", "钛", every("钛")),
        ("单字", "党", every("党")),
        ("单字", "鲲", every("鲲")),
        ("两个词", "银川 效能", every("银川", "效能")),
        ("两个词", "宝鸡 钛", every("宝鸡", "钛")),
        ("两个词", f"{surname} {given}", every(surname, given)),
        ("署名", author, every(author)),
        ("署名", "赵旭", every("赵旭")),
        ("电头", LEAD_IN, dateline("本报讯", "special", "赵旭", "3月25日")),
    ]  # fmt: skip


class Command(BaseCommand):
    help = "检索基准：补足稿件数，按查询类别逐条查询多次，报告 p50/p95 耗时和召回率、精确率。"

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
                # VACUUM too: the GIN indexes keep their size statistics in their metapage, and
                # only VACUUM updates them; without, the planner misjudges prefix keys.
                cursor.execute("VACUUM ANALYZE news_article")
        total = Article.objects.count()
        published = Article.objects.published().count()
        author = (
            Byline.objects.filter(role=Byline.Role.AUTHOR)
            .order_by("contributor__name")
            .values_list("contributor__name", flat=True)
            .first()
        ) or "杨建平"
        self.stdout.write(
            f"\n{connection.vendor}：{total} 篇（已发布 {published}），"
            f"每条查询 {runs} 次，第一页（按相关度，含计数）\n"
        )
        self.stdout.write(
            f"{'类别':<12}{'查询':<24}{'应有':>8}{'计数':>10}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'召回率':>7}{'精确率':>7}"
        )
        by_class: dict[str, list] = {}
        for label, text, expected in classes(author):
            row = self._bench(label, text, expected, runs)
            by_class.setdefault(label, []).append(row)
        self.stdout.write("\n按类别：最差 p95、最低召回率与精确率")
        for label, rows in by_class.items():
            self.stdout.write(
                f"{label:<12}{max(r[0] for r in rows):>9.1f}{min(r[1] for r in rows):>7.2f}"
                f"{min(r[2] for r in rows):>7.2f}"
            )

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

    def _bench(self, label, text, expected_q, runs):
        query = parse_query(text)
        first = search(query)  # warm the caches once, as a live site would be
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            search(query)
            timings.append((time.perf_counter() - start) * 1000)
        found = set(matching_ids(query))
        expected = set(Article.objects.published().filter(expected_q).values_list("pk", flat=True))
        recall = len(found & expected) / len(expected) if expected else 1.0
        precision = len(found & expected) / len(found) if found else 1.0
        p50 = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[-1]
        count = ("约" if first.estimated else "") + f"{first.count}"
        self.stdout.write(
            f"{label:<12}{text:<24}{len(expected):>8}{count:>10}{p50:>9.1f}{p95:>9.1f}"
            f"{recall:>7.2f}{precision:>7.2f}"
        )
        return p95, recall, precision
