"""Reader pages benchmark: fill the configured database, then measure each reader page.

For every page: the SQL queries and SQL time of one view (in this process, page cache off),
then requests per second, p50 and p99 under gunicorn with production settings, first with
the page cache off and then on, beside the /healthz floor measured in the same run.
"""

import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from urllib.parse import quote

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from taggit.models import Tag

from ads.models import Advertiser, Listing, ListingStatus, Placement
from news.models import Article, Section, Zone


class Command(BaseCommand):
    help = (
        "阅读页面基准：补足稿件数，逐页报告 SQL 次数与耗时，"
        "以及 gunicorn 下关闭/开启页面缓存的吞吐和延迟。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--seconds", type=int, default=10, help="每个页面压测的秒数")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn 同步 worker 数")
        parser.add_argument("--port", type=int, default=8131)
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--sql-only", action="store_true", help="只测 SQL，不起 gunicorn")
        parser.add_argument(
            "--create-database",
            action="store_true",
            help="数据库不存在时先创建（PostgreSQL），再迁移并收集静态文件",
        )

    def handle(
        self,
        *args,
        articles,
        seconds,
        connections,
        workers,
        port,
        seed,
        sql_only,
        create_database,
        **kw,
    ):
        self.verbosity = kw.get("verbosity", 1)
        if create_database:
            _create_database()
            call_command("migrate", verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
        have = Article.objects.count()
        if have < articles:
            self.stdout.write(f"数据库中有 {have} 篇，补足到 {articles} 篇……")
            call_command("generate_articles", articles - have, seed=seed, quiet_progress=True)
        self._ensure_ads()
        pages = self._pages()
        total = Article.objects.count()
        self.stdout.write(
            f"\n{connection.vendor}：{total} 篇（已发布 {Article.objects.published().count()}）"
        )
        self._sql(pages)
        if sql_only:
            return
        wrk = shutil.which("wrk")
        if not wrk:
            raise CommandError("需要 wrk（Debian：apt-get install wrk）。")
        floor = {}
        results = {}
        for cache_on in (False, True):
            with self._gunicorn(port, workers, cache_on):
                floor[cache_on] = self._load(wrk, port, "/healthz", seconds, connections)
                for label, url in pages:
                    results[(label, cache_on)] = self._load(wrk, port, url, seconds, connections)
        self._report(pages, results, floor, seconds, connections, workers)

    def _ensure_ads(self):
        """Two live ads in each slot, so slots rotate and count on every view."""
        advertiser, _ = Advertiser.objects.get_or_create(name="基准测试广告主")
        today = timezone.localdate()
        for placement in Placement.values:
            for n in range(2 - advertiser.listings.filter(placement=placement).count()):
                Listing.objects.create(
                    advertiser=advertiser,
                    headline=f"基准广告{n + 1}",
                    placement=placement,
                    first_day=today - timedelta(days=1),
                    last_day=today + timedelta(days=365),
                    status=ListingStatus.APPROVED,
                )

    def _pages(self):
        published = Article.objects.published()
        section = (
            Section.objects.annotate(n=Count("articles")).order_by("-n").first()
        )  # the column with most stories, for its deepest pages
        zone = Zone.objects.order_by("pk").first()
        tag = Tag.objects.order_by("pk").first()
        article = published.newest_first().first()
        return [
            ("首页 front", "/"),
            ("栏目 第1页", section.get_absolute_url()),
            ("栏目 第500页", f"{section.get_absolute_url()}?page=500"),
            ("园区 zone", zone.get_absolute_url()),
            ("标签 tag", f"/tags/{tag.slug}/"),
            ("文章 article", article.get_absolute_url()),
            ("图片新闻 photos", "/photos/"),
            ("检索 党建", "/search/?q=%E5%85%9A%E5%BB%BA"),
            ("RSS feed", "/feed/"),
            ("sitemap.xml", "/sitemap.xml"),
            ("sitemap 文章第1页", "/sitemap-articles.xml"),
            ("广告名录 directory", "/advertisers/directory/"),
        ]

    def _sql(self, pages):
        """Queries and SQL time of one view of each page, the page cache off, best of five."""
        self.sql, self.queries = {}, {}
        client = Client()
        timings = []

        def timed(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append((sql, params, time.perf_counter() - start))

        with (
            override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]),
            connection.execute_wrapper(timed),
        ):
            for label, url in pages:
                best = None
                for _ in range(5):
                    timings.clear()
                    response = client.get(url)
                    if response.status_code != 200:
                        raise CommandError(f"{url} 返回 {response.status_code}")
                    total = sum(t for _, _, t in timings)
                    if best is None or total < best[1]:
                        best = (len(timings), total, list(timings))
                self.sql[label] = (best[0], best[1] * 1000)
                self.queries[label] = best[2]
                self.stdout.write(f"  {label:<20} {best[0]:>3} 次 SQL  {best[1] * 1000:>7.2f} ms")
                if self.verbosity > 1:
                    for sql, _, t in best[2]:
                        self.stdout.write(f"      {t * 1000:6.2f} ms  {sql[:160]}")
        if connection.vendor == "postgresql":
            self._seq_scans(pages)

    def _seq_scans(self, pages):
        """Name every reader query whose plan reads all of news_article."""
        found = 0
        with connection.cursor() as cursor:
            for label, _ in pages:
                for sql, params, _ in self.queries[label]:
                    if not sql.lstrip().upper().startswith("SELECT"):
                        continue
                    cursor.execute(f"EXPLAIN {sql}", params)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                    if "Seq Scan on news_article " in plan + " ":
                        found += 1
                        self.stdout.write(f"  顺序扫描 news_article：{label}：{sql[:200]}")
        self.stdout.write(f"  全表顺序扫描 news_article 的查询：{found} 条")

    def _gunicorn(self, port, workers, cache_on):
        env = {
            **os.environ,
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PAGE_CACHE_SECONDS": "600" if cache_on else "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-not-secret"),
        }
        env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
        return _Server(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--log-level=warning",
            ],
            env,
            port,
        )

    def _load(self, wrk, port, url, seconds, connections):
        """(req/s, p50 ms, p99 ms) from wrk after a one-second warm-up."""
        target = f"http://127.0.0.1:{port}{quote(url, safe='/?=&%')}"
        subprocess.run([wrk, "-t1", "-c2", "-d1s", target], capture_output=True, check=True)
        out = subprocess.run(
            [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", target],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if "Non-2xx" in out:
            raise CommandError(f"{url}：有非 2xx 回应\n{out}")
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        return rate, _ms(out, "50%"), _ms(out, "99%")

    def _report(self, pages, results, floor, seconds, connections, workers):
        self.stdout.write(
            f"\ngunicorn {workers} 个同步 worker；wrk -t2 -c{connections} -d{seconds}s；"
            f"/healthz 基线：关 {floor[False][0]:.0f} req/s，开 {floor[True][0]:.0f} req/s\n"
        )
        header = (
            "| 页面 | SQL 次数 | SQL ms | 关缓存 req/s | p50 ms | p99 ms "
            "| 开缓存 req/s | p50 ms | p99 ms | 开缓存/healthz |"
        )
        self.stdout.write(header)
        self.stdout.write("|" + "---|" * 10)
        for label, _ in pages:
            queries, sql_ms = self.sql[label]
            off, on = results[(label, False)], results[(label, True)]
            self.stdout.write(
                f"| {label} | {queries} | {sql_ms:.1f} | {off[0]:.0f} | {off[1]:.1f} | "
                f"{off[2]:.1f} | {on[0]:.0f} | {on[1]:.1f} | {on[2]:.1f} | "
                f"{on[0] / floor[True][0]:.0%} |"
            )
        self.stdout.write(
            f"| /healthz | 1 | – | {floor[False][0]:.0f} | {floor[False][1]:.1f} | "
            f"{floor[False][2]:.1f} | {floor[True][0]:.0f} | {floor[True][1]:.1f} | "
            f"{floor[True][2]:.1f} | 100% |"
        )
        cached = [results[(label, True)][0] for label, _ in pages]
        self.stdout.write(f"\n开缓存页面 req/s 中位数：{statistics.median(cached):.0f}")


def _create_database():
    """Create the configured PostgreSQL database if it is missing: the bench's own database."""
    if connection.vendor != "postgresql":
        return
    try:
        connection.ensure_connection()
        return
    except OperationalError:
        pass
    import psycopg

    params = connection.get_connection_params()
    name = params.pop("dbname")
    with psycopg.connect(**params, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')


def _ms(out, percentile):
    match = re.search(rf"{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\b", out)
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


class _Server:
    """gunicorn for the length of a `with` block, answering before the block starts."""

    def __init__(self, argv, env, port):
        self.argv, self.env, self.port = argv, env, port

    def __enter__(self):
        self.process = subprocess.Popen(self.argv, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise CommandError("gunicorn 没有在 30 秒内启动。")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
