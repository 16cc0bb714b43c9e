"""Figures: every plotted point is checked against the numbers it stands for (artists, not pixels)."""
from __future__ import annotations

import ast
import html
import re
from dataclasses import asdict

import IPython.display
import nbformat
import numpy as np
import pytest
from conftest import REPO

from coursekit.archive.readers import read_archive
from coursekit.content import figures, notebooks
from coursekit.model import Author, Citation, Entry, Module, ModulePlan, Stat
from coursekit.planning.config import load_course
from coursekit.planning.themes import plan_course


@pytest.fixture(scope="module")
def default_plan():
    course = load_course(REPO / "course.yml")
    return plan_course(course, read_archive(REPO / "archive").entries)


def artists(fig, gid: str) -> list:
    return [c for ax in fig.axes for c in ax.collections if c.get_gid() == gid]


def plotted_estimates(fig) -> list[tuple[str, list[float]]]:
    """(x-axis label, estimates) per panel, in panel order."""
    panels = []
    for ax in fig.axes:
        points = [c for c in ax.collections if c.get_gid() == "estimates"]
        if points:
            panels.append((ax.get_xlabel(), [float(x) for x, _ in points[0].get_offsets()]))
    return panels


def test_each_module_forest_plots_exactly_its_effect_sizes(default_plan):
    checked = 0
    for plan in default_plan.modules:
        stats = [s for e in plan.entries for s in e.stats]
        if not stats:
            continue
        fig = figures.forest_figure(figures.forest_data(plan))
        panels = plotted_estimates(fig)
        assert sum(len(values) for _, values in panels) == len(stats), plan.module.id
        by_kind = {figures.KIND_LABELS[kind]: [s.value for s in stats if s.kind == kind]
                   for kind in {s.kind for s in stats}}
        assert dict(panels) == by_kind, plan.module.id
        intervals = [seg for c in artists(fig, "intervals") for seg in c.get_segments()]
        expected = sorted((s.ci_low, s.ci_high) for s in stats if s.ci_low is not None and s.ci_high is not None)
        drawn = sorted((float(seg[0][0]), float(seg[1][0])) for seg in intervals)
        assert np.allclose(drawn, expected) and len(drawn) == len(expected), plan.module.id
        checked += 1
    assert checked >= 4  # alliance, therapist-factors, negative-effects, what-works report effect sizes


def test_forest_rows_are_labelled_by_study(default_plan):
    plan = next(p for p in default_plan.modules if p.module.id == "negative-effects")
    fig = figures.forest_figure(figures.forest_data(plan))
    labels = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert labels == ["Moritz et al. (2019)", "Flückiger et al. (2020) #1", "Flückiger et al. (2020) #2"]


def test_forest_alt_text_states_counts_and_ranges(default_plan):
    plan = next(p for p in default_plan.modules if p.module.id == "alliance")
    forest = figures.forest_data(plan)
    alt = figures.forest_alt(forest)
    n = sum(len(e.stats) for e in plan.entries)
    studies = len({e.id for e in plan.entries if e.stats})
    assert alt.startswith(f"Forest plot of {n} effect sizes (d, r, SMD, B) from {studies} studies in "
                          "The therapeutic alliance and relationship")
    assert "9 d values from 0.24 to 0.63" in alt and "2 B values from −0.148 to −0.065" in alt


def test_module_without_effect_sizes_gets_readings_by_year(default_plan):
    plan = next(p for p in default_plan.modules if p.module.id == "treatment-length")
    assert not any(e.stats for e in plan.entries)
    counts = figures.year_counts(plan)
    fig = figures.year_figure(counts)
    bars = [patch for container in fig.axes[0].containers for patch in container]
    assert sum(bar.get_height() for bar in bars) == len(plan.entries)
    assert sorted(int(round(bar.get_x() + bar.get_width() / 2)) for bar in bars) == \
        sorted({figures.publication_year(e) for e in plan.entries})
    assert "No effect sizes are reported" in figures.year_alt(counts)


def test_evidence_map_has_a_marker_per_module_and_year(default_plan):
    evidence = figures.evidence_map(default_plan.modules)
    fig = figures.evidence_figure(evidence)
    (points,) = artists(fig, "evidence")
    expected = sorted((figures.publication_year(e), len(default_plan.modules) - 1 - i)
                      for i, p in enumerate(default_plan.modules) for e in p.entries)
    cells = sorted({pair for pair in expected})
    assert sorted(map(tuple, points.get_offsets().tolist())) == [(float(y), float(r)) for y, r in cells]
    assert sum(points.get_sizes()) / 70 == sum(len(p.entries) for p in default_plan.modules)
    alt = figures.evidence_alt(evidence)
    assert alt.startswith(f"Evidence map of {len(default_plan.modules)} modules by publication year")
    assert "Treatment length and dose: 4 readings" in alt


def test_module_notebook_embeds_the_plotted_data_and_alt_text(default_plan, monkeypatch):
    plan = default_plan.modules[0]
    nb = notebooks.module_notebook(plan)
    (cell,) = [c for c in nb.cells if c.cell_type == "code"]
    assert cell.metadata["tags"] == ["remove-input"]
    assert cell.metadata["mystnb"]["image"]["alt"] == figures.forest_alt(figures.forest_data(plan))
    call = cell.source.split("show_forest(", 1)[1].rsplit(")", 1)[0]
    payload = ast.literal_eval(call)  # the data is a plain literal
    forest = figures.forest_data(plan)
    assert payload == {"module": forest.module, "effects": [asdict(effect) for effect in forest.effects]}
    shown = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    figures.show_forest(payload)  # what the notebook runs: the module's forest plot
    assert [image.data for image in shown] == [figures.png(figures.forest_figure(forest))]
    assert nbformat.writes(nb) == nbformat.writes(notebooks.module_notebook(plan))


def test_evidence_map_notebook_lists_every_module(default_plan):
    nb = notebooks.evidence_map_notebook(default_plan.modules)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 1 and "show_evidence_map(" in code[0].source
    assert code[0].metadata["mystnb"]["image"]["alt"].startswith("Evidence map of")
    table = nb.cells[-1].source
    assert all(f"]({p.module.id}.ipynb)" in table for p in default_plan.modules)


def test_text_with_dollar_signs_is_drawn_as_itself():
    entry = Entry(id="2020-01-x", month="2020-01", title="t",
                  citation=Citation(authors=(Author("$\\alpha$"),), year=2020), stats=(Stat("OR", 1.5, 1.1, 2.0),))
    plan = ModulePlan(Module(id="m", title="Costs in $ and $\\frac{1}{2}$"), (entry,))
    fig = figures.forest_figure(figures.forest_data(plan))
    assert figures.png(fig).startswith(b"\x89PNG")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["\\$\\alpha\\$ (2020)"]
    assert np.isclose(fig.axes[0].lines[0].get_xdata()[0], 1.0)  # ratios: no effect is 1


def test_empty_course_and_module_still_draw():
    empty = ModulePlan(Module(id="m", title="M"), ())
    evidence = figures.evidence_map((empty,))
    assert artists(figures.evidence_figure(evidence), "evidence")[0].get_offsets().shape[0] == 0
    assert figures.evidence_alt(evidence) == "Empty evidence map: no module has readings yet."
    counts = figures.year_counts(empty)
    assert figures.png(figures.year_figure(counts)).startswith(b"\x89PNG")
    assert "no readings yet" in figures.year_alt(counts)


@pytest.mark.slow
def test_every_module_page_of_the_built_site_has_a_figure_with_alt_text(built_site, default_plan):
    for plan in default_plan.modules:
        page = (built_site / "modules" / f"{plan.module.id}.html").read_text(encoding="utf-8")
        alts = re.findall(r'<img alt="([^"]+)" src="\.\./_images/[0-9a-f]+\.png"', page)
        forest = figures.forest_data(plan)
        expected = figures.forest_alt(forest) if forest.effects else figures.year_alt(figures.year_counts(plan))
        assert [html.unescape(alt) for alt in alts] == [expected], plan.module.id
    page = (built_site / "modules" / "evidence-map.html").read_text(encoding="utf-8")
    assert re.search(r'<img alt="Evidence map of \d+ modules by publication year[^"]+" src="\.\./_images/', page)
