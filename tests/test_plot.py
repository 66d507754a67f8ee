"""Plots, drawn for the built-in study and for imported projects, and what they draw read back.

Every figure is rendered to PNG (as a user saves it), then its artists are read: tick
labels against the study's labels, annotations against the queries' counts, bar segments
against the support matrix, colours against the palette. Projects are imported from
REFI-QDA files: the built-in study written and read back, a two-coder project, and a real
ATLAS.ti sample from ``shared/refi/samples``.
"""

from __future__ import annotations

import io
import itertools
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings

import peerlandscape as pl
from agreement.projects import two_coder_study
from peerlandscape import plot
from peerlandscape.queries import code_cooccurrence, support_matrix
from peerlandscape.saturation import discovery, guest_saturation
from shared import in_ci, shared_path
from strategies import studies

if not in_ci():  # CI installs the test extra, which brings matplotlib, numpy and lxml
    pytest.importorskip("matplotlib", reason="the plots need matplotlib")
    pytest.importorskip("lxml", reason="the imported projects need lxml")

import matplotlib.pyplot as plt  # only to check that no pyplot figure is made
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from peerlandscape.agreement import quote_agreement

OKABE_ITO = ["#e69f00", "#56b4e9", "#009e73", "#0072b2", "#d55e00", "#cc79a7"]
SKY_LOOM = "sky-loom__Project.qde.REFI-spec-example2-ATLAS.ti8.qde"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> pl.Study:
    """The built-in study as a QDA program would give it back: written to .qdpx and read."""
    path = tmp_path_factory.mktemp("plot") / "engdahl.qdpx"
    pl.write_qdpx(pl.datasets.engdahl2025(), path)
    return pl.read_qdpx(path).study


@pytest.fixture(scope="module")
def two_coders(tmp_path_factory: pytest.TempPathFactory) -> pl.Study:
    """A project coded by two coders, through a .qdpx file and back."""
    path = tmp_path_factory.mktemp("plot") / "two-coders.qdpx"
    pl.write_qdpx(two_coder_study(), path)
    return pl.read_qdpx(path).study


@pytest.fixture(scope="module")
def atlas() -> pl.Study:
    """The REFI-QDA 1.5 example project, exported by ATLAS.ti 8."""
    return pl.read_qdpx(shared_path("refi", "samples", SKY_LOOM)).study


@pytest.fixture(params=["built-in", "imported"])
def framework_study(
    request: pytest.FixtureRequest, engdahl: pl.Study, imported: pl.Study
) -> pl.Study:
    return engdahl if request.param == "built-in" else imported


@pytest.fixture(autouse=True)
def no_pyplot_figures() -> Iterator[None]:
    """No plot leaves a figure open in pyplot (nothing to close, no memory held)."""
    assert plt.get_fignums() == []
    yield
    assert plt.get_fignums() == []


def rendered(figure: Figure, tmp_path: Path, name: str) -> Path:
    """Save as a user would, then check the file is a real, non-empty PNG."""
    path = tmp_path / f"{name}.png"
    figure.savefig(path, dpi=100)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


def texts_by_gid(figure: Figure, prefix: str) -> dict[str, str]:
    return {
        text.get_gid(): text.get_text()
        for ax in figure.axes
        for text in ax.texts
        if (text.get_gid() or "").startswith(prefix)
    }


# --- the thematic map ---------------------------------------------------------------------


def segments(figure: Figure) -> dict[str, Rectangle]:
    return {
        patch.get_gid(): patch
        for patch in figure.axes[0].patches
        if isinstance(patch, Rectangle) and (patch.get_gid() or "").startswith("support-")
    }


@pytest.mark.parametrize("unit", ["quotes", "participants"])
def test_the_map_draws_a_segment_per_group_that_supports_each_subtheme(
    framework_study: pl.Study, unit: str, tmp_path: Path
) -> None:
    figure = plot.thematic_map(framework_study, unit=unit)  # type: ignore[arg-type]
    rendered(figure, tmp_path, f"map-{unit}")

    matrix = support_matrix(framework_study, unit=unit)  # type: ignore[arg-type]
    drawn = segments(figure)
    expected = {
        f"support-{subtheme}-{group or 'unknown'}": matrix.get(group, subtheme)
        for subtheme in matrix.columns
        for group in matrix.groups
        if matrix.get(group, subtheme)
    }
    assert set(drawn) == set(expected)
    # Lengths are proportional to the counts: one unit is one length throughout.
    per_unit = {round(drawn[gid].get_width() / count, 9) for gid, count in expected.items()}
    assert len(per_unit) == 1
    colours = {group.id: OKABE_ITO[n] for n, group in enumerate(framework_study.groups)}
    for gid, patch in drawn.items():
        group = gid.rsplit("-", 1)[1]
        assert to_hex(patch.get_facecolor()) == colours.get(group, "#bbbbbb")


def test_the_map_labels_every_level_of_the_framework_and_totals_each_subtheme(
    framework_study: pl.Study, tmp_path: Path
) -> None:
    figure = plot.thematic_map(framework_study)
    rendered(figure, tmp_path, "map")
    texts = [flat(text.get_text()) for text in figure.axes[0].texts]

    assert framework_study.overarching_theme is not None
    assert framework_study.overarching_theme.label in texts
    for theme in framework_study.themes:
        assert theme.label in texts
    labels = texts_by_gid(figure, "subtheme-")
    assert {gid: flat(text) for gid, text in labels.items()} == {
        f"subtheme-{s.id}": s.label for s in framework_study.subthemes
    }
    totals = {p.id: p.quotes for p in pl.queries.prevalence(framework_study, level="subtheme")}
    counts = [t for t in texts if t.isdigit()]
    assert counts == [str(totals[s.id]) for s in framework_study.subthemes]
    legend = figure.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        *(group.label for group in framework_study.groups),
        "Speaker unknown",
    ]


def test_the_map_can_mark_the_groups_the_text_credits(
    framework_study: pl.Study, tmp_path: Path
) -> None:
    figure = plot.thematic_map(framework_study, stated=True)
    rendered(figure, tmp_path, "map-stated")

    dots = {
        line.get_gid(): to_hex(line.get_color())
        for line in figure.axes[0].get_lines()
        if (line.get_gid() or "").startswith("credited-")
    }
    colours = {group.id: OKABE_ITO[n] for n, group in enumerate(framework_study.groups)}
    assert dots == {
        f"credited-{v.subtheme}-{group}": colours[group]
        for v in pl.queries.voicing(framework_study)
        for group in v.stated
    }
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]  # type: ignore[union-attr]
    if not framework_study.attributions:
        # A REFI-QDA project has no place for the paper's statements: nothing is credited.
        assert dots == {}
        assert "Credited in the text" not in legend
        return
    assert len(dots) == 24  # the built-in's 17 statements name 24 sub-theme x group pairs
    assert legend[-1] == "Credited in the text"
    # The bars make room for the dots: none reaches past the first dot.
    first_dot = min(
        line.get_xdata()[0]  # type: ignore[index]
        for line in figure.axes[0].get_lines()
        if line.get_gid()
    )
    assert max(p.get_x() + p.get_width() for p in segments(figure).values()) < first_dot - 0.2


def test_the_map_fits_a_double_column_and_wraps_labels_inside_it(engdahl: pl.Study) -> None:
    figure = plot.thematic_map(engdahl)
    width, height = figure.get_size_inches()
    assert width == 7.0
    assert 3 < height < 6
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    box = figure.bbox
    for text in figure.axes[0].texts:
        extent = text.get_window_extent(renderer)
        assert box.x0 <= extent.x0, text.get_text()
        assert extent.x1 <= box.x1, text.get_text()
        assert box.y0 <= extent.y0, text.get_text()
        assert extent.y1 <= box.y1, text.get_text()
    # No two sub-theme labels overlap.
    labels = sorted(
        (t.get_window_extent(renderer) for t in figure.axes[0].texts if t.get_gid()),
        key=lambda extent: extent.y0,
    )
    for lower, upper in itertools.pairwise(labels):
        assert lower.y1 <= upper.y0


def test_the_map_svg_is_self_contained_text_that_repeats(engdahl: pl.Study) -> None:
    svg = plot.thematic_map_svg(engdahl)

    assert svg.startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert "<text" not in svg  # text is drawn as paths: no font needed
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    ).replace("http://purl.org/dc", "").replace("http://creativecommons.org/ns#", "").replace(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#", ""
    ).replace("https://matplotlib.org/", "")
    assert 'id="support-confronting-the-biomedical-perspective-peer_support_worker"' in svg
    assert plot.thematic_map_svg(engdahl) == svg
    root = ElementTree.fromstring(svg)  # well-formed XML, an <svg> of the map's size
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("width") == "504pt"  # 7 in


def test_the_map_refuses_a_study_without_subthemes(atlas: pl.Study) -> None:
    with pytest.raises(pl.InvalidOptionError, match="no sub-themes"):
        plot.thematic_map(atlas)
    with pytest.raises(pl.InvalidOptionError, match="unit must be one of"):
        plot.thematic_map(pl.datasets.engdahl2025(), unit="words")  # type: ignore[arg-type]
    with pytest.raises(pl.InvalidOptionError, match="width"):
        plot.thematic_map(pl.datasets.engdahl2025(), width=2)


# --- the support heatmap ------------------------------------------------------------------


@pytest.mark.parametrize(("unit", "level"), [("quotes", "subtheme"), ("participants", "theme")])
def test_the_heatmap_writes_the_support_matrix_in_its_cells(
    framework_study: pl.Study, unit: str, level: str, tmp_path: Path
) -> None:
    figure = plot.support_heatmap(framework_study, unit=unit, level=level)  # type: ignore[arg-type]
    rendered(figure, tmp_path, f"support-{unit}-{level}")
    ax = figure.axes[0]

    matrix = support_matrix(framework_study, unit=unit, level=level)  # type: ignore[arg-type]
    elements = framework_study.subthemes if level == "subtheme" else framework_study.themes
    assert [flat(t.get_text()) for t in ax.get_yticklabels()] == [e.label for e in elements]
    groups = [g.label for g in framework_study.groups]
    if None in matrix.groups:
        groups.append("Speaker unknown")
    assert [flat(t.get_text()) for t in ax.get_xticklabels()] == groups
    assert texts_by_gid(figure, "count-") == {
        f"count-{column}-{group or 'unknown'}": str(matrix.get(group, column))
        for column in matrix.columns
        for group in matrix.groups
        if matrix.get(group, column)
    }
    assert ax.get_xlabel() == f"{unit.capitalize()}, by stakeholder group"
    assert figure.get_size_inches()[0] == 3.5


# --- the co-occurrence heatmap ------------------------------------------------------------


def test_the_cooccurrence_heatmap_writes_each_pair_once(
    framework_study: pl.Study, atlas: pl.Study, tmp_path: Path
) -> None:
    for name, study in (("framework", framework_study), ("atlas", atlas)):
        figure = plot.cooccurrence_heatmap(study)
        rendered(figure, tmp_path, f"cooccurrence-{name}")
        pairs = code_cooccurrence(study)
        assert texts_by_gid(figure, "pair-") == {
            f"pair-{a}-{b}": str(count) for (a, b), count in pairs.items()
        }
        labels = {code.id: code.label for code in study.codes}
        coded = [code.id for code in study.codes if any(code.id in pair for pair in pairs)]
        ax = figure.axes[0]
        assert [flat(t.get_text()) for t in ax.get_yticklabels()] == [labels[c] for c in coded[1:]]
        assert [flat(t.get_text()) for t in ax.get_xticklabels()] == [labels[c] for c in coded[:-1]]


def test_the_cooccurrence_heatmap_keeps_the_codes_most_often_together(atlas: pl.Study) -> None:
    pairs = code_cooccurrence(atlas)
    assert len({code for pair in pairs for code in pair}) == 3  # the sample's three codes

    figure = plot.cooccurrence_heatmap(atlas, top=2)

    # Each of the three codes is in two pairs of one quote: the first two in study order stay.
    assert len(texts_by_gid(figure, "pair-")) == 1
    with pytest.raises(pl.InvalidOptionError, match="top"):
        plot.cooccurrence_heatmap(atlas, top=1)


def test_a_cooccurrence_heatmap_of_many_codes_keeps_what_fits_a_column() -> None:
    # 30 codes with long labels, each quote coded with three neighbours: every code meets others.
    codes = [
        pl.Code(id=f"c{n:02d}", label=f"Code {n:02d} about shared experience in everyday work")
        for n in range(30)
    ]
    quotes = [pl.Quote(id=f"q{n}", text=f"Invented words {n}.") for n in range(30)]
    codings = [
        pl.Coding(quote=f"q{n}", code=f"c{(n + step) % 30:02d}")
        for n in range(30)
        for step in (0, 1, 2)
    ]
    study = pl.Study(id="many", title="Many codes", codes=codes, quotes=quotes, codings=codings)

    figure = plot.cooccurrence_heatmap(study)
    ax = figure.axes[0]

    assert figure.get_size_inches()[0] == 3.5
    assert len(ax.get_yticklabels()) == 10  # 11 codes: each pair once
    assert ax.get_title(loc="right").endswith("(the 11 of 30 codes most often together)")
    for label in [*ax.get_yticklabels(), *ax.get_xticklabels()]:
        assert "\n" not in label.get_text()
        assert len(label.get_text()) <= 32
        assert label.get_text().endswith("\u2026")
    wide = plot.cooccurrence_heatmap(study, width=7)
    assert len(wide.axes[0].get_yticklabels()) == 29  # all 30 fit a double column


def test_the_cooccurrence_heatmap_refuses_a_study_where_no_codes_meet(
    two_coders: pl.Study,
) -> None:
    lone = two_coders.model_copy(update={"codings": two_coders.codings[:1]})
    with pytest.raises(pl.InvalidOptionError, match="no two codes"):
        plot.cooccurrence_heatmap(lone)


# --- the saturation curve -----------------------------------------------------------------


def test_the_saturation_curve_follows_the_discovery(
    framework_study: pl.Study, tmp_path: Path
) -> None:
    figure = plot.saturation_curve(framework_study, level="subtheme")
    rendered(figure, tmp_path, "saturation")
    ax = figure.axes[0]

    found = discovery(framework_study, level="subtheme")
    line = ax.get_lines()[0]
    assert list(zip(line.get_xdata(), line.get_ydata(), strict=True)) == list(found.curve())
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [round(bar.get_height()) for bar in bars] == [len(step.new) for step in found.steps]
    assert ax.get_ylabel() == "Distinct sub-themes found"
    assert ax.get_xlabel() == "Interviews, in study order"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "No saturation in 17 interviews (Guest et al. 2020)"


def test_the_saturation_curve_marks_where_guest_saturation_is_reached(
    atlas: pl.Study, tmp_path: Path
) -> None:
    # The sample's six documents, last first: five codes in the first four, then nothing new,
    # so a base of 4 and a run of 2 reach saturation at "4+2".
    order = [interview.id for interview in reversed(atlas.interviews)]
    found = discovery(atlas, order=order)
    assert guest_saturation(found).label == "4+2"

    figure = plot.saturation_curve(found)
    rendered(figure, tmp_path, "saturation-reached")
    ax = figure.axes[0]

    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "Found so far",
        "New in the interview",
        "Saturation at 4+2 (Guest et al. 2020)",
    ]
    marks = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert [list(mark.get_xdata()) for mark in marks] == [[4, 4]]
    assert ax.get_xlabel() == "Interviews, in the order given"
    assert ax.get_ylabel() == "Distinct codes found"
    with pytest.raises(pl.InvalidOptionError, match="discovery"):
        plot.saturation_curve(found, level="theme")


# --- agreement ----------------------------------------------------------------------------


def test_agreement_shows_each_code_with_its_interval(two_coders: pl.Study, tmp_path: Path) -> None:
    result = quote_agreement(two_coders, seed=3)
    figure = plot.agreement_intervals(two_coders, result)
    rendered(figure, tmp_path, "agreement")
    ax = figure.axes[0]

    assert [t.get_text() for t in ax.get_yticklabels()] == ["Hope", "Cost", "Drift", "All codes"]
    rows = [*result.codes, result.overall]
    points = {line.get_gid(): line for line in ax.get_lines() if line.get_gid()}
    for position, row in enumerate(rows):
        point = points[f"agreement-{row.code or 'all'}"]
        assert row.alpha is not None
        assert row.alpha_interval is not None
        assert list(point.get_xdata()) == [row.alpha]
        assert list(point.get_ydata()) == [position]
    figures = [t.get_text() for t in figure.axes[1].get_yticklabels()]
    assert figures[-1] == (
        f"{result.overall.alpha:.2f} [{result.overall.alpha_interval[0]:.2f}, "  # type: ignore[index]
        f"{result.overall.alpha_interval[1]:.2f}]"  # type: ignore[index]
    )
    assert ax.get_xlabel() == "Krippendorff's alpha [95% bootstrap interval]"


def test_agreement_says_where_alpha_is_undefined(atlas: pl.Study, tmp_path: Path) -> None:
    # A second ATLAS.ti user who coded nothing: every code's alpha is 0 or below, and with
    # uncoded="missing" nothing is pairable, so every alpha is undefined.
    pair = ["friedrich-markgraf", "sebastian-petrausch"]
    figure = plot.agreement_intervals(atlas, quote_agreement(atlas, coders=pair, seed=1))
    rendered(figure, tmp_path, "agreement-atlas")
    undefined = quote_agreement(atlas, coders=pair, uncoded="missing")
    figure = plot.agreement_intervals(atlas, undefined, statistic="percent")
    rendered(figure, tmp_path, "agreement-undefined")
    assert [t.get_text() for t in figure.axes[1].get_yticklabels()] == ["undefined"] * (
        len(undefined.codes) + 1
    )


def test_agreement_of_the_built_in_study_says_it_has_one_coder(engdahl: pl.Study) -> None:
    with pytest.raises(pl.agreement.AgreementDataError, match="two or more coders"):
        plot.agreement_intervals(engdahl)


# --- every plot ---------------------------------------------------------------------------


def draw_each(study: pl.Study, ax: object | None = None) -> list[Figure]:
    kwargs = {} if ax is None else {"ax": ax}
    return [
        plot.thematic_map(study, **kwargs),  # type: ignore[arg-type]
        plot.support_heatmap(study, **kwargs),  # type: ignore[arg-type]
        plot.cooccurrence_heatmap(study, **kwargs),  # type: ignore[arg-type]
        plot.saturation_curve(study, level="subtheme", **kwargs),  # type: ignore[arg-type]
    ]


def test_each_plot_draws_in_the_axes_given(engdahl: pl.Study, two_coders: pl.Study) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for draw in (
        lambda ax: plot.thematic_map(engdahl, ax=ax),
        lambda ax: plot.support_heatmap(engdahl, ax=ax),
        lambda ax: plot.cooccurrence_heatmap(engdahl, ax=ax),
        lambda ax: plot.saturation_curve(engdahl, ax=ax),
        lambda ax: plot.agreement_intervals(two_coders, ax=ax),
    ):
        figure = Figure(figsize=(7, 5))
        FigureCanvasAgg(figure)
        left, right = figure.subfigures(1, 2)
        ax = right.add_subplot()
        assert draw(ax) is figure
        assert ax.has_data() or ax.texts or ax.patches
        assert left.axes == []
        figure.savefig(io.BytesIO(), format="png")


# Generated labels hold characters no font has (CJK, controls): matplotlib warns, and draws.
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(study=studies())
def test_any_study_is_drawn_or_refused_with_a_peerlandscape_error(study: pl.Study) -> None:
    for draw in (
        plot.thematic_map,
        plot.support_heatmap,
        plot.cooccurrence_heatmap,
        plot.saturation_curve,
        plot.agreement_intervals,
    ):
        try:
            figure = draw(study)  # type: ignore[operator]
        except pl.PeerLandscapeError:
            continue
        figure.savefig(io.BytesIO(), format="png", dpi=40)


def test_importing_the_package_does_not_import_matplotlib() -> None:
    code = "import sys\nfrom peerlandscape import plot\nprint('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.stdout.strip() == "False", result.stderr


def test_drawing_without_matplotlib_names_the_plot_extra() -> None:
    code = textwrap.dedent("""
        import sys
        sys.modules["matplotlib"] = None
        import peerlandscape as pl
        from peerlandscape import plot
        print(sorted(plot.__all__))
        try:
            plot.thematic_map(pl.datasets.engdahl2025())
        except pl.MissingDependencyError as exc:
            print(exc.package, exc.extra)
            print(exc)
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1:] == [
        "matplotlib plot",
        "drawing plots needs matplotlib, which is not installed: pip install 'peerlandscape[plot]'",
    ]
