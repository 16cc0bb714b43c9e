"""Ranked full-text search over the archive, for `coursekit find` and `coursekit assign --query`.

The index is an in-memory SQLite FTS5 table (Python's standard library, no server, no files),
built from the plan every time: the archive is small, so this takes milliseconds. Words are
stemmed with the porter tokenizer ("ruptures" finds "rupture"), columns are weighted (a word in
the title counts more than one in the summary), and bm25 orders hits of equal coverage.

User queries are never handed to FTS5 as syntax. The words of the query are pulled out, each is
quoted as an FTS5 string, and they are joined with OR: `alliance rupture` finds entries with
either word, and entries that contain more of the query's words always come first.
"""
from __future__ import annotations

import re
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass

from coursekit.content.citations import apa, short_citation
from coursekit.content.escape import printable
from coursekit.errors import InputError
from coursekit.model import FURTHER_READING_ID, Entry, Plan
from coursekit.planning.themes import entry_modules
from coursekit.text import archive_order

# Column order of the index; weights are in the same order (the id column is not indexed).
COLUMNS = ("entry_id", "title", "summary", "implications", "authors", "topics")
WEIGHTS = (0.0, 10.0, 1.0, 2.0, 4.0, 3.0)
SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_GAP = "[", "]", "…"
SNIPPET_TOKENS = 14
RANKED_SQL = (f"SELECT rowid, bm25(readings, {', '.join(map(str, WEIGHTS))}), "
              f"snippet(readings, -1, ?, ?, ?, {SNIPPET_TOKENS}) FROM readings WHERE readings MATCH ?")
WORD = re.compile(r"\w+")
# Words too common to rank by; dropped from a query unless it has no other words.
STOP_WORDS = frozenset("a an and are as at be by for from in is it of on or the to with".split())


@dataclass(frozen=True)
class Hit:
    """One matching entry: what to show, and why it ranked where it did."""

    entry: Entry
    snippet: str
    coverage: int  # how many distinct query words the entry contains
    score: float  # bm25 (lower is better, as SQLite reports it)
    modules: tuple[str, ...]


def query_words(query: str) -> tuple[str, ...]:
    """The distinct words of a query, lowercased, in order, without common words if others remain."""
    seen = dict.fromkeys(WORD.findall(query.lower()))
    meaningful = tuple(w for w in seen if w not in STOP_WORDS)
    return meaningful or tuple(seen)


def fts_query(words: tuple[str, ...]) -> str:
    """Each word as an FTS5 string literal, so no character in it is read as query syntax, joined by OR."""
    return " OR ".join('"' + word.replace('"', '""') + '"' for word in words)


def _row(entry: Entry) -> tuple[str, ...]:
    authors = " ".join(f"{a.family} {a.given or ''}".strip() for a in entry.citation.authors)
    return (entry.id, entry.title, "\n".join(entry.summary), "\n".join(entry.implications), authors,
            "\n".join(entry.topics))


def build_index(entries: tuple[Entry, ...]) -> sqlite3.Connection:
    """An in-memory FTS5 index of the entries (rowid = position in `entries`)."""
    db = sqlite3.connect(":memory:")
    columns = ", ".join(f"{c} UNINDEXED" if c == "entry_id" else c for c in COLUMNS)
    db.execute(f"CREATE VIRTUAL TABLE readings USING fts5({columns}, tokenize = 'porter unicode61')")
    db.executemany(f"INSERT INTO readings (rowid, {', '.join(COLUMNS)}) VALUES (?, {', '.join('?' * len(COLUMNS))})",
                   [(number, *_row(entry)) for number, entry in enumerate(entries)])
    return db


def candidates(plan: Plan, module_id: str | None = None, since: int | None = None) -> tuple[Entry, ...]:
    """The entries a search may return: all, or one module's (or further reading's), from a year on.
    InputError when `module_id` names no module (nor further reading) of the plan."""
    pools = {p.module.id: p.entries for p in plan.modules}
    if plan.further_reading:
        pools[FURTHER_READING_ID] = plan.further_reading
    if module_id is not None and module_id not in pools:
        raise InputError(f"--module: no module '{module_id}' in course.yml (modules: {', '.join(pools)})")
    return tuple(e for e in pools.get(module_id, plan.all_entries) if since is None or e.year >= since)


def search(plan: Plan, query: str, module_id: str | None = None, since: int | None = None,
           limit: int | None = None) -> list[Hit]:
    """Hits for `query`, best first: more query words matched (coverage), then bm25, then newest."""
    words = query_words(query)
    entries = candidates(plan, module_id, since)
    if not words or not entries:
        return []
    with closing(build_index(entries)) as db:
        coverage = Counter(rowid for word in words for (rowid,) in
                           db.execute("SELECT rowid FROM readings WHERE readings MATCH ?", (fts_query((word,)),)))
        rows = db.execute(RANKED_SQL, (SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_GAP, fts_query(words))).fetchall()
    where = entry_modules(plan)
    hits = [Hit(entries[rowid], snippet, coverage.get(rowid, 0), score, where.get(entries[rowid].id, ()))
            for rowid, score, snippet in rows]
    hits.sort(key=lambda h: (-h.coverage, h.score, *archive_order(h.entry)))
    return hits[:limit] if limit else hits


def hit_record(hit: Hit) -> dict:
    """A hit as plain JSON-ready data, for `coursekit find --json`."""
    entry = hit.entry
    return {"id": entry.id, "title": entry.title, "month": entry.month, "citation": short_citation(entry),
            "reference": apa(entry.citation).text, "modules": list(hit.modules), "snippet": hit.snippet,
            "matched_words": hit.coverage, "score": round(hit.score, 6)}


def hit_lines(rank: int, hit: Hit) -> list[str]:
    """A hit as terminal text: title line, then where it is, then the matched passage."""
    snippet = " ".join(hit.snippet.split())
    return [
        f"{rank}. {printable(hit.entry.title)} ({hit.entry.month})",
        f"   {printable(short_citation(hit.entry))} · {hit.entry.id} · in {', '.join(hit.modules) or 'no module'}",
        f"   {printable(snippet)}",
    ]


def parse_since(text: str | None) -> int | None:
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}", text):
        raise InputError(f"--since: '{text}' is not a year (expected YYYY, e.g. 2020)")
    return int(text)
