"""Measuring helpers shared by the bench modules: server time and query counts."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Row:
    name: str
    median_ms: float
    p95_ms: float
    queries: int
    target: str = ""
    note: str = ""


@dataclass
class Harness:
    rows: list[Row] = field(default_factory=list)

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load, as autovacuum would in time."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def client(self, user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def time(self, name: str, fn, *, repeat: int = 20, warmup: int = 2, target: str = "") -> Row:
        """Call ``fn`` ``repeat`` times; record the median and 95th percentile and the queries
        of one call."""
        for _ in range(warmup):
            fn()
        # The log is a bounded deque: once full its length stops moving, so start it empty.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            fn()
        # Read now: every request clears the log (request_started -> reset_queries).
        query_count = len(queries)
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
        row = Row(name, statistics.median(samples), p95, query_count, target)
        self.rows.append(row)
        print(f"  {name}: {row.median_ms:.1f} ms median, {row.queries} queries", flush=True)
        return row

    def page(self, name: str, url: str, *, user=None, target: str = "", repeat: int = 20) -> Row:
        client = self.client(user)

        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return self.time(name, get, repeat=repeat, target=target)

    def record(self, name: str, *, seconds: float, queries: int = 0, target: str = "", note=""):
        row = Row(name, seconds * 1000, seconds * 1000, queries, target, note)
        self.rows.append(row)
        print(f"  {name}: {seconds:.2f} s {note}", flush=True)
        return row

    def table(self) -> str:
        lines = [
            "| measurement | median ms | p95 ms | queries | target | note |",
            "|---|---:|---:|---:|---|---|",
        ]
        for row in self.rows:
            lines.append(
                f"| {row.name} | {row.median_ms:.1f} | {row.p95_ms:.1f} | {row.queries} "
                f"| {row.target} | {row.note} |"
            )
        return "\n".join(lines)
