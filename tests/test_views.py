"""What a console and a notebook show of a study and its parts: short reprs, escaped HTML views."""

from __future__ import annotations

import html
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import peerlandscape as pl
from peerlandscape.checklists import report as checklist_report
from peerlandscape.models import Code, Coding, Quote, Theme
from peerlandscape.queries import support_matrix
from peerlandscape.refi import ExportReport, ImportReport, ReportEntry
from peerlandscape.replication import replicate
from peerlandscape.saturation import discovery, guest_saturation, information_power

HOSTILE = "<script>alert('x')</script> & \"more\""
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;more&quot;"
VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr", "source", "area", "base"}


class _Page(HTMLParser):
    """Reads a view as a browser would, recording its text and whether every tag is closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "style":
            self._in_style = True
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)  # <path/> in SVG: opened and closed at once

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def read(page: str) -> _Page:
    """Parse a view; fail unless every element it opens is closed in order."""
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert not parser.problems, parser.problems[:3]
    assert not parser.open, f"left open: {parser.open}"
    return parser


def text_of(page: str) -> str:
    return " ".join(" ".join(read(page).text).split())


@pytest.fixture(scope="module")
def large(study_factory: Callable[..., pl.Study]) -> pl.Study:
    return study_factory(codings=20_000, coders=3, seed=11)


@pytest.fixture(scope="module")
def hostile() -> pl.Study:
    """A study whose every free text tries to inject markup."""
    return pl.Study(
        id="hostile",
        title=f"Title {HOSTILE}",
        authors=[f"Author {HOSTILE}"],
        groups=[{"id": "peer_support_worker", "label": f"Group {HOSTILE}"}],
        participants=[{"id": "p1", "label": f"Person {HOSTILE}", "group": "peer_support_worker"}],
        coders=[{"id": "c1", "label": f"Coder {HOSTILE}"}],
        themes=[{"id": "t", "label": f"Theme {HOSTILE}", "description": f"About {HOSTILE}"}],
        subthemes=[{"id": "s", "label": f"Sub {HOSTILE}", "theme": "t", "color": "#e69f00"}],
        codes=[{"id": "k", "label": f"Code {HOSTILE}", "subtheme": "s"}],
        quotes=[{"id": "q", "text": f"Quote {HOSTILE}", "participant": "p1", "notes": [HOSTILE]}],
        codings=[{"quote": "q", "code": "k", "coder": "c1"}],
    )


# -- reprs -----------------------------------------------------------------------------------------


def test_the_built_in_study_shows_as_one_short_line(engdahl: pl.Study) -> None:
    shown = repr(engdahl)
    assert len(shown) < 300
    assert "\n" not in shown
    assert shown.startswith("<Study 'engdahl2025': ")
    assert "30 participants, 17 interviews, 16 quotes, 17 codings" in shown
    assert "12 sub-themes, 4 themes" in shown
    assert str(engdahl) == shown


def test_a_study_of_20000_codings_shows_as_one_short_line(large: pl.Study) -> None:
    shown = repr(large)
    assert len(shown) < 300
    assert "20000 codings" in shown
    assert f"{len(large.quotes)} quotes" in shown


def test_a_study_with_the_longest_id_and_title_still_shows_short() -> None:
    study = pl.Study(id="x" * 128, title="A title that goes on " * 50)
    assert len(repr(study)) < 300


def test_rich_and_devtools_see_the_summary_not_the_objects(large: pl.Study) -> None:
    args = dict(large.__repr_args__())
    assert args["codings"] == 20_000
    assert set(args) == {
        "id", "title", "participants", "interviews", "quotes", "codings", "codes",
        "subthemes", "themes",
    }  # fmt: skip


def test_a_long_quote_shows_shortened_and_without_empty_fields() -> None:
    quote = Quote(id="q1", text="word " * 2000, participant="p-1")
    shown = repr(quote)
    assert len(shown) < 120
    assert shown.startswith("Quote(id='q1', text='word word")
    assert "…'" in shown
    assert "None" not in shown
    assert "notes" not in shown


def test_a_small_model_shows_whole_and_can_be_typed_back_in() -> None:
    for model in (
        Coding(quote="q1", code="lack-of-funding", coder="coder-a"),
        Code(id="k", label="Lack of funding", subtheme="s"),
        Theme(id="t", label="A theme", color="#56b4e9"),
    ):
        assert eval(repr(model), vars(pl.models)) == model


def test_a_model_with_many_fields_counts_those_past_the_eighth(engdahl: pl.Study) -> None:
    assert engdahl.design is not None
    shown = repr(engdahl.design)
    assert shown.endswith("more fields>)")
    assert shown.count("=") == 8


def test_no_object_of_the_built_in_study_has_a_repr_longer_than_a_screen(
    engdahl: pl.Study,
) -> None:
    objects: list[Any] = [engdahl.design, engdahl.overarching_theme, engdahl.data_collection]
    for name in type(engdahl).model_fields:
        value = getattr(engdahl, name)
        if isinstance(value, tuple):
            objects.extend(v for v in value if isinstance(v, BaseModel))
    assert max(len(repr(o)) for o in objects) < 1000


# -- HTML views ------------------------------------------------------------------------------------


def test_the_study_card_names_its_framework_and_counts(engdahl: pl.Study) -> None:
    text = text_of(engdahl._repr_html_())
    assert engdahl.title in text
    assert "Patrik Engdahl" in text
    assert "et al." in text
    for theme in engdahl.themes:
        assert theme.label in text
    for subtheme in engdahl.subthemes:
        assert subtheme.label in text
    assert "participants interviews quotes codings codes sub-themes themes" in text
    assert "30 17 16 17 2 12 4" in text


def test_the_study_card_draws_the_thematic_map(engdahl: pl.Study) -> None:
    pytest.importorskip("matplotlib")
    page = engdahl._repr_html_()
    assert "Thematic map" in text_of(page)
    assert "svg" in read(page).tags


def test_without_the_map_the_card_lists_the_framework_open(
    engdahl: pl.Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    import peerlandscape.plot

    def missing(study: pl.Study) -> str:
        raise pl.MissingDependencyError("no matplotlib", "matplotlib", "plot")

    monkeypatch.setattr(peerlandscape.plot, "thematic_map_svg", missing)
    page = engdahl._repr_html_()
    assert "svg" not in read(page).tags
    assert "Thematic map" not in text_of(page)
    assert page.count("<details open>") == len(engdahl.themes)
    assert "Mitigating Peer Drifting" in text_of(page)


def test_without_matplotlib_installed_the_card_still_shows() -> None:
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"
        "import peerlandscape as pl\n"
        "page = pl.datasets.engdahl2025()._repr_html_()\n"
        "print('<svg' in page, page.count('<details open>'), 'Mitigating Peer Drifting' in page)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["False", "4", "True"]


def test_the_card_of_a_large_study_counts_rather_than_lists(large: pl.Study) -> None:
    page = large._repr_html_()
    assert len(page) < 200_000
    assert "20000" in text_of(page)
    assert "quote-1" not in page


def test_a_study_without_themes_says_so() -> None:
    assert "No themes yet." in text_of(pl.Study(id="s", title="S")._repr_html_())


def test_a_theme_a_sub_theme_and_a_quote_show_what_they_hold(engdahl: pl.Study) -> None:
    theme, subtheme, quote = engdahl.themes[0], engdahl.subthemes[0], engdahl.quotes[0]
    assert theme.label in text_of(theme._repr_html_())
    shown = text_of(subtheme._repr_html_())
    assert subtheme.label in shown
    assert subtheme.theme in shown
    assert subtheme.description is not None
    assert subtheme.description in shown
    assert quote.text is not None
    assert quote.text in text_of(quote._repr_html_())


def test_a_sub_theme_in_its_study_shows_its_quotes_by_group(engdahl: pl.Study) -> None:
    view = engdahl.view("ensuring-financial-sustainability-for-growth")
    text = text_of(view._repr_html_())
    assert "County council and municipality officials: 1 quote" in text
    assert "Peer support workers: 1 quote" in text
    assert "unknown group: 1 quote" in text
    assert "Peer support worker 5" in text  # who said it
    assert "While all my colleagues were granted a salary raise" in text
    assert str(view).splitlines()[0] == (
        "sub-theme ensuring-financial-sustainability-for-growth: "
        "Ensuring Financial Sustainability for Growth (3 quotes)"
    )


def test_a_theme_in_its_study_shows_its_sub_themes_and_support(engdahl: pl.Study) -> None:
    view = engdahl.view(engdahl.themes[0])
    text = text_of(view._repr_html_())
    assert "5 quotes from" in text
    for subtheme in engdahl.subthemes[:3]:
        assert subtheme.label in text
        assert subtheme.label in str(view)


def test_a_quote_in_its_study_shows_its_speaker_group_and_codings(engdahl: pl.Study) -> None:
    view = engdahl.view("psw-5-salary-raise")
    text = text_of(view._repr_html_())
    assert "Peer support worker 5 (psw-5)" in text
    assert "Peer support workers" in text
    assert "sub-theme: Ensuring Financial Sustainability for Growth" in text
    assert "coded: sub-theme: Ensuring Financial Sustainability for Growth" in str(view)


def test_a_large_sub_theme_shows_a_few_quotes_per_group(large: pl.Study) -> None:
    page = large.view("subtheme-1-1")._repr_html_()
    assert page.count("<blockquote>") <= 3 * 5
    assert "more quotes" in text_of(page)


def test_a_view_of_what_the_study_does_not_hold_is_refused(engdahl: pl.Study) -> None:
    with pytest.raises(pl.InvalidOptionError, match="has no theme or sub-theme or quote 'nope'"):
        engdahl.view("nope")
    with pytest.raises(pl.InvalidOptionError, match="kind must be"):
        engdahl.view("psw-5-salary-raise", kind="code")
    with pytest.raises(pl.InvalidOptionError, match="not Code"):
        engdahl.view(Code(id="k", label="K"))  # type: ignore[arg-type]


def test_an_id_two_kinds_share_needs_its_kind() -> None:
    study = pl.Study(
        id="s",
        title="S",
        themes=[{"id": "same", "label": "The theme"}],
        subthemes=[{"id": "same", "label": "The sub-theme", "theme": "same"}],
    )
    with pytest.raises(pl.InvalidOptionError, match="theme and a sub-theme"):
        study.view("same")
    assert "The sub-theme" in text_of(study.view("same", kind="subtheme")._repr_html_())


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(lambda s: s._repr_html_(), id="study"),
        pytest.param(lambda s: s.themes[0]._repr_html_(), id="theme"),
        pytest.param(lambda s: s.subthemes[0]._repr_html_(), id="subtheme"),
        pytest.param(lambda s: s.quotes[0]._repr_html_(), id="quote"),
        pytest.param(lambda s: s.view("t")._repr_html_(), id="theme-in-study"),
        pytest.param(lambda s: s.view("s")._repr_html_(), id="subtheme-in-study"),
        pytest.param(lambda s: s.view("q")._repr_html_(), id="quote-in-study"),
    ],
)
def test_user_text_is_shown_as_text_never_as_markup(
    hostile: pl.Study, page: Callable[[pl.Study], str]
) -> None:
    shown = page(hostile)
    assert "<script>" not in shown
    assert ESCAPED in shown
    assert HOSTILE in text_of(shown)


# -- reports and analysis results ------------------------------------------------------------------


def test_the_refi_reports_are_tables_of_their_entries(engdahl: pl.Study, tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    from peerlandscape.refi import read_qdpx, write_qdpx

    written = write_qdpx(engdahl, tmp_path / "study.qdpx")
    text = text_of(written._repr_html_())
    assert written.summary() in text
    assert read(written._repr_html_()).tags.count("tr") == len(written.entries) + 1
    read_back = read_qdpx(tmp_path / "study.qdpx", scan_identities=True).report
    assert read_back.summary() in text_of(read_back._repr_html_())


def test_the_refi_reports_escape_what_they_quote_from_the_file() -> None:
    entry = ReportEntry("picture_source", f"Project/{HOSTILE}", 2, f"not imported: {HOSTILE}")
    for made in (ImportReport("project", [entry]), ExportReport("codebook", [entry])):
        shown = made._repr_html_()
        assert "<script>" not in shown
        assert text_of(shown).count(HOSTILE) == 2


def test_an_import_report_lists_identifying_text_it_found() -> None:
    pytest.importorskip("phonenumbers")
    study = pl.Study(
        id="s", title="S", quotes=[{"id": "q", "text": "Write to anna.svensson@example.org"}]
    )
    found = pl.privacy.scan_study(study)
    shown = ImportReport("project", [], imported={"quotes": 1}, findings=found)._repr_html_()
    assert "Identifying text" in text_of(shown)
    assert found[0].described in text_of(shown)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(
            lambda s: discovery(s, level="subtheme"), "subtheme discovery", id="discovery"
        ),
        pytest.param(
            lambda s: guest_saturation(discovery(s), base_size=2, run_length=2),
            "base 2 interviews",
            id="guest",
        ),
        pytest.param(information_power, "Study aim", id="information-power"),
        pytest.param(lambda s: checklist_report(s, "coreq"), "COREQ", id="checklist"),
        pytest.param(replicate, "Mitigating Peer Drifting", id="replication"),
        pytest.param(support_matrix, "peer_support_worker", id="support-matrix"),
        pytest.param(lambda s: s.validate(), "valid", id="validation"),
    ],
)
def test_every_analysis_result_is_an_html_table(
    engdahl: pl.Study, make: Callable[[pl.Study], Any], expected: str
) -> None:
    page = make(engdahl)._repr_html_()
    parsed = read(page)
    assert "table" in parsed.tags
    assert "caption" in parsed.tags
    assert expected in text_of(page)


def test_quote_agreement_is_an_html_table(two_coder_study: pl.Study) -> None:
    pytest.importorskip("numpy")
    from peerlandscape.agreement import quote_agreement

    page = quote_agreement(two_coder_study, resamples=20, seed=0)._repr_html_()
    assert "code-1-1-1" in text_of(page)
    assert "table" in read(page).tags


def test_information_power_names_what_the_study_leaves_unstated(engdahl: pl.Study) -> None:
    text = text_of(information_power(engdahl)._repr_html_())
    assert "broad" in text
    assert "more" in text
    assert "not stated (case / cross_case)" in text


def test_every_single_figure_agreement_result_shows_its_figure_in_a_notebook() -> None:
    from peerlandscape import agreement

    results = [
        agreement.percent_agreement([[1, 2, 1], [1, 2, 2]]),
        agreement.cohen_kappa(["a", "b", "a", "b"], ["a", "b", "b", "b"]),
        agreement.fleiss_kappa([[2, 0], [1, 1], [0, 2]]),
        agreement.krippendorff_alpha([[1, 2, 1, 2], [1, 2, 2, 2]]),
        agreement.unitized_alpha(
            [(0, 5, "a", "x"), (10, 5, "a", "y"), (0, 6, "b", "x"), (10, 4, "b", "y")],
            begin=0,
            length=20,
        ),
    ]
    for result in results:
        shown = result._repr_html_()
        assert html.escape(str(result)) in shown, type(result).__name__
