"""Figures for the book: pure data and alt text first, then thin matplotlib wrappers.

A generated notebook's hidden figure cell calls a `show_*` function with the data as a plain literal
(`dataclasses.asdict`), so the notebook is self-contained and its bytes depend only on the archive
and course.yml. The `*_figure` functions build a Figure with the object API (no pyplot state).
"""
from __future__ import annotations

import io
import logging
import textwrap
from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

from coursekit.content.citations import short_citation
from coursekit.model import RATIO_KINDS, STAT_KINDS, Entry, ModulePlan

# Okabe & Ito's palette, distinguishable with the common forms of colour blindness (no yellow: too pale on white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
KIND_LABELS = {
    "d": "Cohen's d", "g": "Hedges' g", "r": "Correlation r", "SMD": "Standardised mean difference (SMD)",
    "B": "Regression coefficient B", "b": "Regression coefficient b", "OR": "Odds ratio (OR)",
    "RR": "Risk ratio (RR)", "IRR": "Incidence rate ratio (IRR)", "beta": "Standardised coefficient β",
}
ROW_INCHES = 0.34
WIDTH_INCHES = 8.0


@dataclass(frozen=True)
class Effect:
    """One effect size as a forest plot row: the study it comes from, kind, estimate and 95% CI."""

    study: str
    entry_id: str
    kind: str
    value: float
    ci_low: float | None = None
    ci_high: float | None = None

    @property
    def has_ci(self) -> bool:
        return self.ci_low is not None and self.ci_high is not None


@dataclass(frozen=True)
class Forest:
    module: str
    effects: tuple[Effect, ...]

    @property
    def panels(self) -> dict[str, tuple[Effect, ...]]:
        """The effects by kind: the model's kinds in STAT_KINDS order, then any others by name."""
        present = {e.kind for e in self.effects}
        kinds = [k for k in STAT_KINDS if k in present] + sorted(present - set(STAT_KINDS))
        return {kind: tuple(e for e in self.effects if e.kind == kind) for kind in kinds}


@dataclass(frozen=True)
class YearCounts:
    """How many readings a module has per publication year (the figure when no effect sizes exist)."""

    module: str
    counts: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class EvidenceMap:
    """Modules (in course order) by publication year: cells are (module index, year, readings)."""

    modules: tuple[str, ...]
    cells: tuple[tuple[int, int, int], ...]


# --- Pure data ----------------------------------------------------------------------------

def publication_year(entry: Entry) -> int:
    """The year the study was published, or the blog post's year when the citation gives none."""
    return entry.citation.year or entry.year


def forest_data(plan: ModulePlan) -> Forest:
    effects = tuple(Effect(short_citation(entry), entry.id, stat.kind, stat.value, stat.ci_low, stat.ci_high)
                    for entry in plan.entries for stat in entry.stats)
    return Forest(plan.module.title, effects)


def year_counts(plan: ModulePlan) -> YearCounts:
    counts = Counter(publication_year(entry) for entry in plan.entries)
    return YearCounts(plan.module.title, tuple(sorted(counts.items())))


def evidence_map(plans: Sequence[ModulePlan]) -> EvidenceMap:
    cells = tuple((index, year, count) for index, plan in enumerate(plans) for year, count in year_counts(plan).counts)
    return EvidenceMap(tuple(p.module.title for p in plans), cells)


def row_labels(effects: Sequence[Effect]) -> tuple[str, ...]:
    """Study labels; a label shared by several rows gets '#1', '#2', ... so each row is told apart."""
    totals, seen = Counter(effect.study for effect in effects), Counter()
    labels = []
    for effect in effects:
        seen[effect.study] += 1
        labels.append(f"{effect.study} #{seen[effect.study]}" if totals[effect.study] > 1 else effect.study)
    return tuple(labels)


def number(value: float) -> str:
    """A value as printed in figures and tables: shortest form, with a true minus sign."""
    return f"{value:g}".replace("-", "−")


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


# --- Alt text -----------------------------------------------------------------------------

def forest_alt(forest: Forest) -> str:
    values, studies = [e.value for e in forest.effects], {e.entry_id for e in forest.effects}
    with_ci = sum(e.has_ci for e in forest.effects)
    ranges = "; ".join(_kind_range(kind, effects) for kind, effects in forest.panels.items())
    return (f"Forest plot of {plural(len(values), 'effect size')} ({', '.join(forest.panels)}) from "
            f"{plural(len(studies), 'study', 'studies')} in {forest.module}, one panel per "
            f"statistic: {ranges}. {with_ci} of {len(values)} estimates have a 95% confidence interval, "
            f"drawn as a line; the others are open markers.")


def _kind_range(kind: str, effects: Sequence[Effect]) -> str:
    low, high = min(e.value for e in effects), max(e.value for e in effects)
    span = f"of {number(low)}" if low == high else f"from {number(low)} to {number(high)}"
    return f"{plural(len(effects), kind + ' value')} {span}"


def year_alt(counts: YearCounts) -> str:
    if not counts.counts:
        return f"Empty chart: {counts.module} has no readings yet, and so no effect sizes."
    years, readings = [year for year, _ in counts.counts], sum(n for _, n in counts.counts)
    top_year, top = max(counts.counts, key=lambda item: (item[1], -item[0]))
    return (f"Bar chart of the {plural(readings, 'reading')} in {counts.module} by publication year, "
            f"{years[0]} to {years[-1]}, with the most ({top}) in {top_year}. No effect sizes are reported "
            f"in this module's readings, so there is no forest plot.")


def evidence_alt(evidence: EvidenceMap) -> str:
    if not evidence.cells:
        return "Empty evidence map: no module has readings yet."
    years = [year for _, year, _ in evidence.cells]
    parts = []
    for index, title in enumerate(evidence.modules):
        mine = [(year, n) for i, year, n in evidence.cells if i == index]
        parts.append(f"{title}: {plural(sum(n for _, n in mine), 'reading')}, {mine[0][0]} to {mine[-1][0]}"
                     if mine else f"{title}: no readings")
    return (f"Evidence map of {plural(len(evidence.modules), 'module')} by publication year, {min(years)} to "
            f"{max(years)}; marker size shows the number of readings. " + "; ".join(parts) + ".")


# --- Plotting (thin wrappers over the pure data) -------------------------------------------

def _figure(height: float) -> Any:
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # no cache notice on stderr
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH_INCHES, height), layout="constrained")


def forest_figure(forest: Forest) -> Any:
    """A forest plot, one panel per statistic kind; each panel's scatter (gid 'estimates') holds its rows."""
    from matplotlib.lines import Line2D

    panels = forest.panels
    sizes = [len(effects) for effects in panels.values()]
    fig = _figure(1.3 + sum(ROW_INCHES * n + 0.75 for n in sizes))
    axes = fig.subplots(len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": [n + 2 for n in sizes]})[:, 0]
    for index, (ax, (kind, effects)) in enumerate(zip(axes, panels.items())):
        _forest_panel(ax, kind, effects, PALETTE[index % len(PALETTE)])
    fig.suptitle(f"Effect sizes in {_wrap(_plain(forest.module), 60)}", fontsize=12)
    handles = [Line2D([], [], color="#333333", marker="s", linewidth=2, label="estimate with 95% CI"),
               Line2D([], [], color="#333333", marker="s", markerfacecolor="white", linestyle="",
                      label="estimate, CI not reported")]
    axes[0].legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), ncols=2, fontsize=9, frameon=False)
    return fig


def _forest_panel(ax: Any, kind: str, effects: Sequence[Effect], colour: str) -> None:
    rows = list(range(len(effects)))[::-1]  # first effect at the top
    with_ci = [(y, e) for y, e in zip(rows, effects) if e.has_ci]
    if with_ci:
        ax.hlines([y for y, _ in with_ci], [e.ci_low for _, e in with_ci], [e.ci_high for _, e in with_ci],
                  colors=colour, linewidth=2, gid="intervals")
    faces = [colour if e.has_ci else "white" for e in effects]
    ax.scatter([e.value for e in effects], rows, s=42, marker="s", facecolors=faces, edgecolors=colour,
               linewidths=1.5, zorder=3, gid="estimates")
    ax.axvline(1.0 if kind in RATIO_KINDS else 0.0, color="#555555", linewidth=1, linestyle="--", zorder=1)
    ax.set_yticks(rows, [_plain(label) for label in row_labels(effects)], fontsize=10)
    ax.set_ylim(-0.8, len(effects) - 0.2)
    _label_and_grid(ax, _plain(KIND_LABELS.get(kind, kind)), "x")
    ax.tick_params(axis="x", labelsize=10)


def year_figure(counts: YearCounts) -> Any:
    """Readings per publication year as bars (gid 'readings'), for a module without effect sizes."""
    from matplotlib.ticker import MaxNLocator

    fig = _figure(3.2)
    ax = fig.subplots()
    years = [year for year, _ in counts.counts]
    ax.bar(years, [n for _, n in counts.counts], color=PALETTE[0], width=0.7, gid="readings")
    _label_and_grid(ax, "Year the study was published", "y")
    ax.set_ylabel("Readings", fontsize=10)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"Readings in {_wrap(_plain(counts.module), 60)} by year (no effect sizes reported)", fontsize=11)
    return fig


def evidence_figure(evidence: EvidenceMap) -> Any:
    """Modules by publication year; one marker per (module, year), area by readings (gid 'evidence')."""
    from matplotlib.ticker import MaxNLocator

    fig = _figure(1.6 + 0.6 * len(evidence.modules))
    ax = fig.subplots()
    rows = {i: len(evidence.modules) - 1 - i for i in range(len(evidence.modules))}  # first module on top
    colours = [PALETTE[i % len(PALETTE)] for i, _, _ in evidence.cells]
    ax.scatter([y for _, y, _ in evidence.cells], [rows[i] for i, _, _ in evidence.cells],
               s=[70 * n for _, _, n in evidence.cells], c=colours, alpha=0.85, edgecolors="white", gid="evidence")
    for index, year, count in evidence.cells:
        ax.annotate(str(count), (year, rows[index]), xytext=(0, 9 + 2 * count), textcoords="offset points",
                    ha="center", fontsize=8)
    ax.set_yticks(list(rows.values()), [_wrap(_plain(t), 30) for t in evidence.modules], fontsize=10)
    ax.set_ylim(-0.7, len(evidence.modules) - 0.3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _label_and_grid(ax, "Year the study was published (number: readings)", "both", "#eeeeee")
    return fig


def _label_and_grid(ax: Any, xlabel: str, grid_axis: str, grid_colour: str = "#dddddd") -> None:
    ax.set_xlabel(xlabel, fontsize=10)
    ax.grid(axis=grid_axis, color=grid_colour, linewidth=0.8)
    ax.set_axisbelow(True)


def _plain(text: str) -> str:
    """Text shown as itself: a '$' would otherwise start matplotlib's mathtext."""
    return text.replace("$", r"\$")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def png(fig: Any, dpi: int = 144) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _show(fig: Any) -> None:
    from IPython.display import Image, display

    display(Image(data=png(fig), width=int(fig.get_figwidth() * 100)))


def show_forest(payload: dict[str, Any]) -> None:
    """Draw the Forest whose `asdict` is the payload (the other figures' data have no nested dataclass)."""
    _show(forest_figure(Forest(payload["module"], tuple(Effect(**e) for e in payload["effects"]))))


def show_readings_by_year(payload: dict[str, Any]) -> None:
    _show(year_figure(YearCounts(**payload)))


def show_evidence_map(payload: dict[str, Any]) -> None:
    _show(evidence_figure(EvidenceMap(**payload)))
