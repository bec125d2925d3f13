"""Time a 数字报 page upload (PDF render, renditions) and the edition page, and print figures.

Works in a throwaway edition dated 1900-01-01 that it removes afterwards, with stories taken
from the configured database (fill it first with generate_articles to measure at scale).
"""

import statistics
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from epaper import services
from epaper.models import Edition, Page, Region, live_regions_prefetch
from epaper.uploads import PageUpload, render_pdf
from news.models import Article

DEMO_PDF = "fixtures/media/epaper/5b1d0c3e9a7f4e2d8c6b0a1f3e5d7c9b/page.pdf"
DAY = date(1900, 1, 1)


def _ms(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


class Command(BaseCommand):
    help = "测量数字报版面上传与读者版面页的耗时（会临时创建并删除一期 1900-01-01 的测试期次）。"

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=8)
        parser.add_argument("--regions", type=int, default=6)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, pages, regions, runs, **options):
        stories = list(Article.objects.published().order_by("-publish_at")[: pages * regions])
        if len(stories) < pages * regions:
            raise CommandError(f"需要至少 {pages * regions} 篇已发布稿件。")
        if Edition.objects.filter(date=DAY).exists():
            raise CommandError("1900-01-01 已有期次：请先删除它。")
        data = (Path(settings.BASE_DIR) / DEMO_PDF).read_bytes()
        edition = Edition.objects.create(
            date=DAY, number=1, total_number=1, status="published", publish_at="1900-01-01T06:00Z"
        )
        try:
            self._bench(edition, data, stories, pages, regions, runs)
        finally:
            services.edition_delete(edition=edition)

    def _bench(self, edition, data, stories, pages, regions, runs):
        render, store = [], []
        for number in range(1, pages + 1):
            started = time.perf_counter()
            image = render_pdf(data)
            render.append(time.perf_counter() - started)
            started = time.perf_counter()
            upload = PageUpload(image=image, pdf=data)
            page = services.page_attach_upload(
                page=Page(edition=edition, number=number, name=f"第{number}版", position=number),
                upload=upload,
            )
            store.append(time.perf_counter() - started)
            for i in range(regions):
                Region.objects.create(
                    page=page,
                    article=stories[(number - 1) * regions + i],
                    x=0.05,
                    y=i / regions,
                    w=0.9,
                    h=0.9 / regions,
                    position=i,
                )
        self.stdout.write(f"版面 PDF 渲染（{pages} 次，2400 像素宽）：{_ms(render)}")
        self.stdout.write(f"版面图与 4 个尺寸版本编码并存储：{_ms(store)}")

        client = Client()
        url = edition.get_absolute_url()
        client.get(url)
        samples = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                samples.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        self.stdout.write(
            f"读者版面页（{pages} 版 × {regions} 个热区，{runs} 次）：{_ms(samples)}，"
            f"{len(queries)} 次查询；库中已发布稿件 {Article.objects.published().count()} 篇"
        )
        regions_query = (
            Page.objects.filter(edition=edition)
            .prefetch_related(live_regions_prefetch(edition.pk))
            .all()
        )
        with CaptureQueriesContext(connection) as captured:
            list(regions_query)
        sql = captured.captured_queries[-1]["sql"]
        with connection.cursor() as cursor:
            prefix = (
                "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
            )
            cursor.execute(prefix + sql)
            plan = "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
        self.stdout.write("热区查询的执行计划：\n" + plan)
