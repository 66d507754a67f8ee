"""The findings report: one HTML file to share, checked as a document and in a real browser.

The structure is read back with lxml's HTML parser: every sub-theme has its
section, its quotes under the groups they come from, each captioned with a
participant label and never an id. The browser tests open the written file in
headless Chromium (Debian's ``chromium``) through the DevTools protocol, on a
pipe: no console message, no exception and no failed load, every sub-theme
shown, the page as wide as a phone and no wider, text with a contrast of 7:1 or more,
a PDF when printed. They save screenshots under ``tests/_artefacts/`` (git
ignores it). Without Chromium they skip on a developer's machine and fail
under CI, which installs it (``.ci/run``).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape import plot
from peerlandscape.cli import main
from peerlandscape.report import render_report, write_report
from peerlandscape.report._markup import _NOT_IN_HTML, REPLACEMENT
from shared import in_ci
from strategies import FAST

ARTEFACTS = Path(__file__).resolve().parent / "_artefacts"
"""Where the browser tests leave their screenshots, to be looked at (git ignores it)."""

SCRIPT_QUOTE = '<script>alert("x")</script> We need <b>money</b> & time.'


def small_study(**changes: Any) -> pl.Study:
    """Two groups, two themes, three sub-themes (one without quotes), a coder and memos."""
    document: dict[str, Any] = {
        "id": "small",
        "title": "A small study of peer work",
        "authors": ["A. Author", "B. Author"],
        "year": 2024,
        "groups": [
            {"id": "peers", "label": "Peer workers", "declared_size": 2},
            {"id": "managers", "label": "Managers"},
        ],
        "participants": [
            {"id": "p1", "label": "Peer worker 1", "group": "peers"},
            {"id": "m1", "label": "Manager 1", "group": "managers"},
        ],
        "coders": [{"id": "c1", "label": "Coder Kappa", "role": "second coder"}],
        "overarching_theme": {"id": "top", "label": "Making peer work last"},
        "themes": [
            {
                "id": "t1",
                "label": "Money",
                "description": "Funding, <in> short.",
                "color": "#1f3a5c",
            },
            {"id": "t2", "label": "Roles"},
        ],
        "subthemes": [
            {"id": "s1", "label": "Paying peers", "theme": "t1", "description": "Salaries."},
            {"id": "s2", "label": "Budgets", "theme": "t1"},
            {"id": "s3", "label": "Drifting", "theme": "t2"},
        ],
        "quotes": [
            {"id": "q1", "text": SCRIPT_QUOTE, "participant": "p1"},
            {"id": "q2", "text": "Budgets decide.", "participant": "m1"},
            {"id": "q3", "text": "Nobody knows who said this."},
            {"id": "q4", "text": "A role is a role.", "participant": "p1"},
        ],
        "codings": [
            {"quote": "q1", "subtheme": "s1", "coder": "c1"},
            {"quote": "q2", "subtheme": "s1"},
            {"quote": "q2", "subtheme": "s2"},
            {"quote": "q3", "subtheme": "s2"},
            {"quote": "q4", "theme": "t2"},
        ],
        "attributions": [
            {"subtheme": "s1", "groups": ["peers"], "evidence": "Peers spoke of pay."},
            {"subtheme": "s3", "groups": ["managers"], "evidence": "Managers saw drift."},
        ],
        "memos": [
            {"id": "memo1", "text": "Pay came up first.", "about": ["subtheme:s1"], "author": "c1"},
            {"id": "memo2", "label": "Whole study", "text": "Reflexive note."},
            {"id": "memo3", "text": "Talks fast.", "about": ["participant:m1"]},
            {"id": "memo4", "text": "Said twice.", "about": ["quote:q2"]},
        ],
    }
    document.update(changes)
    return pl.Study.model_validate(document)


def parsed(page: str) -> Any:
    return lxml.html.document_fromstring(page)


def text_of(element: Any) -> str:
    """The text of an element, each of its pieces apart, white space collapsed."""
    return " ".join(" ".join(element.itertext()).split())


def subtheme_sections(tree: Any) -> dict[str, Any]:
    """Each sub-theme's section, by its heading (the label, without the count)."""
    return {
        text_of(section.find("h3")).rsplit(" (", 1)[0]: section
        for section in tree.xpath('//section[@class="subtheme"]')
    }


def quotes_of(section: Any) -> list[tuple[str, str, str]]:
    """(group heading, quote, caption) of each quote in a section, in order."""
    found = []
    group = ""
    for element in section.iter("h4", "figure"):
        if element.tag == "h4":
            group = text_of(element).rsplit(" (", 1)[0]
        else:
            caption = text_of(element.find("figcaption"))
            found.append((group, text_of(element.find("blockquote")), caption))
    return found


def voicing_of(section: Any) -> dict[str, list[str]]:
    """The voicing box of a sub-theme's section: each term and the items listed under it."""
    (box,) = section.xpath(".//div[@class='voicing']/dl")
    terms = box.findall("dt")
    return {
        text_of(term): [text_of(item) for item in term.getnext().iter("li")]
        or [text_of(term.getnext())]
        for term in terms
    }


# --- the document -------------------------------------------------------------------------


def test_every_subtheme_of_the_built_in_study_has_its_section_and_all_its_quotes(
    engdahl: pl.Study,
) -> None:
    tree = parsed(render_report(engdahl))
    sections = subtheme_sections(tree)
    assert list(sections) == [s.label for s in engdahl.subthemes]
    index = engdahl.index
    quotes = {q.id: q for q in engdahl.quotes}
    for subtheme in engdahl.subthemes:
        shown = quotes_of(sections[subtheme.label])
        expected = [q for q in engdahl.quotes if q.id in index.subtheme_quotes[subtheme.id]]
        assert sorted(text for _, text, _ in shown) == sorted(
            " ".join(str(q.text).split()) for q in expected
        )
        for group, text, caption in shown:
            quote = next(q for q in expected if " ".join(str(q.text).split()) == text)
            group_id = index.quote_groups[quote.id]
            label = "Group not known" if group_id is None else index.groups[group_id].label
            assert group == label
            speaker = quotes[quote.id].participant
            if speaker is None:
                assert caption.startswith("Unattributed")
            else:
                assert caption == f"{index.participants[speaker].label} ({label})"


def test_headings_follow_the_framework_h1_study_h2_themes_h3_subthemes(engdahl: pl.Study) -> None:
    tree = parsed(render_report(engdahl))
    assert tree.get("lang") == "en"
    assert [text_of(h) for h in tree.iter("h1")] == [engdahl.title]
    theme_headings = [text_of(s.find("h2")) for s in tree.xpath('//section[@class="theme"]')]
    assert theme_headings == [f"Theme {n}. {t.label}" for n, t in enumerate(engdahl.themes, 1)]
    for section in tree.xpath('//section[@class="theme"]'):
        assert section.xpath(".//h3")  # each theme of the built-in study has sub-themes


def test_the_description_of_each_theme_and_subtheme_is_shown(engdahl: pl.Study) -> None:
    tree = parsed(render_report(engdahl))
    sections = subtheme_sections(tree)
    for subtheme in engdahl.subthemes:
        assert " ".join(str(subtheme.description).split()) in text_of(sections[subtheme.label])
    themes = text_of(tree.xpath("//div[@id='findings']")[0])
    for theme in engdahl.themes:
        assert " ".join(str(theme.description).split()) in themes


def test_who_voiced_what_shows_the_quotes_groups_beside_the_studys_statements(
    engdahl: pl.Study,
) -> None:
    tree = parsed(render_report(engdahl))
    rows = {
        text_of(row.find("th")): [text_of(cell) for cell in row.findall("td")]
        for row in tree.xpath("//section[@aria-labelledby='voicing']//tbody/tr")
        if row.findall("td")
    }
    voiced = {v.subtheme: v for v in pl.queries.voicing(engdahl)}
    groups = [g.id for g in engdahl.groups]
    for subtheme in engdahl.subthemes:
        v = voiced[subtheme.id]
        expected = [
            {
                (True, True): "quoted and named",
                (True, False): "quoted",
                (False, True): "named",
                (False, False): "none",
            }[g in v.from_quotes, g in v.stated]
            for g in groups
        ]
        assert rows[subtheme.label] == expected
    drifting = voicing_of(subtheme_sections(tree)["Mitigating Peer Drifting"])
    assert drifting == {
        "Heard in the quotes": ["Peer support workers"],
        "Named by the study": ["Peer support workers", "Representatives from user organizations"],
        "Named, but not quoted here": ["Representatives from user organizations"],
        "Participants quoted": ["Peer support worker 12"],
    }


def test_a_small_study_groups_quotes_by_group_and_keeps_theme_level_quotes() -> None:
    tree = parsed(render_report(small_study()))
    sections = subtheme_sections(tree)
    assert quotes_of(sections["Paying peers"]) == [
        ("Peer workers", " ".join(SCRIPT_QUOTE.split()), "Peer worker 1 (Peer workers)"),
        ("Managers", "Budgets decide.", "Manager 1 (Managers)"),
    ]
    assert quotes_of(sections["Budgets"]) == [
        ("Managers", "Budgets decide.", "Manager 1 (Managers)"),
        ("Group not known", "Nobody knows who said this.", "Unattributed"),
    ]
    assert quotes_of(sections["Drifting"]) == []
    # A theme's own colour marks its section; one without takes the next accent.
    accents = tree.xpath("//section[@class='theme']/@style")
    assert accents == ["--accent:#1f3a5c", "--accent:#8a4b08"]
    assert "No quote of the study is placed under this sub-theme." in text_of(sections["Drifting"])
    assert quotes_of(sections["Quotes placed under the theme as a whole"]) == [
        ("Peer workers", "A role is a role.", "Peer worker 1 (Peer workers)")
    ]


def test_a_quote_that_reads_script_is_shown_as_text_and_runs_nothing() -> None:
    page = render_report(small_study())
    tree = parsed(page)
    assert not tree.xpath("//script")
    assert not tree.xpath("//blockquote//b")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert "Funding, &lt;in&gt; short." in page


def _visible(text: str) -> str:
    # What HTML shows of a text: characters it cannot hold replaced, ASCII white space trimmed
    # (a no-break space is kept).
    return _NOT_IN_HTML.sub(REPLACEMENT, text).strip(" \t\n\r\f")


def _shown(text: str) -> str:
    # As text_of reads it back: white space collapsed.
    return " ".join(text.split())


_LABELS = st.text(min_size=1).filter(lambda text: _shown(_visible(text)))  # something to see


# A loaded machine (CI shares two cores) can make generating five texts look slow.
@settings(FAST, suppress_health_check=[HealthCheck.too_slow])
@given(title=_LABELS, label=_LABELS, speaker=_LABELS, group=_LABELS, words=st.text(min_size=1))
def test_any_text_of_the_study_reads_back_as_written(
    title: str, label: str, speaker: str, group: str, words: str
) -> None:
    study = pl.Study.model_validate(
        {
            "id": "any",
            "title": title,
            "groups": [{"id": "g", "label": group}],
            "participants": [{"id": "p", "label": speaker, "group": "g"}],
            "themes": [{"id": "t", "label": "Theme"}],
            "subthemes": [{"id": "s", "label": label, "theme": "t", "description": words}],
            "quotes": [{"id": "q", "text": words, "participant": "p"}],
            "codings": [{"quote": "q", "subtheme": "s"}],
        }
    )
    with pytest.MonkeyPatch.context() as patch:  # the outline, not matplotlib, for speed
        patch.setattr(plot, "thematic_map_svg", _no_matplotlib)
        tree = parsed(render_report(study, allow_identifying=True))
    assert text_of(tree.find(".//h1")) == _shown(_visible(title))
    (section,) = tree.xpath('//section[@class="subtheme"]')
    assert text_of(section.find("h3")) == _shown(f"{_visible(label)} (1 quote)")
    ((heading, quote, caption),) = quotes_of(section)
    assert heading == _shown(_visible(group))
    assert quote == _shown(_visible(words))
    assert caption == _shown(f"{_visible(speaker)} ({_visible(group)})")
    assert not tree.xpath("//script | //img | //@src | //@onerror | //@onload")


def _no_matplotlib(study: pl.Study) -> str:
    raise pl.MissingDependencyError("drawing needs matplotlib", "matplotlib", "plot")


def test_people_appear_by_label_and_no_id_of_the_study_is_in_the_file() -> None:
    page = render_report(small_study(), include_memos=True, include_coders=True)
    assert "Peer worker 1" in page
    assert "Manager 1" in page
    for object_id in ("p1", "m1", "q1", "q2", "s1", "t1", "memo1", "c1", "peers", "managers"):
        assert f'"{object_id}"' not in page
        assert f"#{object_id}" not in page
        assert f">{object_id}<" not in page


def test_memos_and_coders_are_left_out_unless_asked_for() -> None:
    study = small_study()
    plain = render_report(study)
    hidden_texts = ("Coder Kappa", "second coder", "Pay came up first.", "Reflexive note.")
    for hidden in (*hidden_texts, "Talks fast.", "Said twice."):
        assert hidden not in plain
    with_memos = parsed(render_report(study, include_memos=True))
    memo = subtheme_sections(with_memos)["Paying peers"].xpath("./aside")
    assert [text_of(m) for m in memo] == ["Memo Pay came up first."]
    study_memos = with_memos.xpath("//section[@aria-labelledby='memos']//aside")
    assert [text_of(m) for m in study_memos] == [
        "Whole study Reflexive note.",
        "Memo About participant “Manager 1” Talks fast.",
    ]
    # A memo about a quote is shown with the quote, wherever the quote is shown.
    beside = [text_of(m) for m in with_memos.xpath("//figure[@class='quote']/aside")]
    assert beside == ["Memo Said twice.", "Memo Said twice."]
    assert "Coder Kappa" not in lxml.html.tostring(with_memos, encoding="unicode")
    with_coders = render_report(study, include_coders=True)
    assert "Pay came up first." not in with_coders
    tree = parsed(with_coders)
    assert "Peer worker 1 (Peer workers); coded by Coder Kappa" in [
        text_of(c) for c in tree.iter("figcaption")
    ]
    (method,) = tree.xpath("//section[@aria-labelledby='method']")
    assert "Coder Kappa: second coder" in text_of(method)
    both = parsed(render_report(study, include_memos=True, include_coders=True))
    assert "Memo by Coder Kappa Pay came up first." in [text_of(m) for m in both.iter("aside")]


def test_identifying_text_in_the_report_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    study = small_study(
        quotes=[
            {"id": "q1", "text": "Mail me at anna.berg@example.se", "participant": "p1"},
            {"id": "q2", "text": "Budgets decide.", "participant": "m1"},
            {"id": "q3", "text": "Nobody knows."},
            {"id": "q4", "text": "A role.", "participant": "p1"},
        ]
    )
    with pytest.raises(pl.IdentifyingDataError, match="quote:q1 text: email") as refused:
        render_report(study)
    assert "anna.berg@example.se" not in str(refused.value)
    target = tmp_path / "findings.html"
    with pytest.raises(pl.IdentifyingDataError, match=str(target)):
        write_report(study, target)
    assert not target.exists()
    assert "anna.berg@example.se" in render_report(study, allow_identifying=True)


def test_only_what_the_file_holds_is_checked_a_memo_counts_when_it_is_included() -> None:
    memos = [{"id": "memo1", "text": "Call 070-174 06 05 about this.", "about": ["subtheme:s1"]}]
    study = small_study(memos=memos)
    assert "070-174" not in render_report(study)
    with pytest.raises(pl.IdentifyingDataError, match="memo:memo1 text: phone"):
        render_report(study, include_memos=True)


def test_a_participant_label_shaped_like_a_name_is_refused() -> None:
    participants = [
        {"id": "p1", "label": "Karin Lindqvist", "group": "peers"},
        {"id": "m1", "label": "Manager 1", "group": "managers"},
    ]
    with pytest.raises(pl.IdentifyingDataError, match="participant:p1 label: name"):
        render_report(small_study(participants=participants))


def test_ids_made_from_names_are_not_in_the_report_so_it_is_not_refused_for_them(
    tmp_path: Path,
) -> None:
    # Ids an importer made from a name and an e-mail address, labels changed by hand; the
    # transcript's speaker tag lists the name. The report's check is the sharing check, which
    # scans the ids a file holds: the report names people by their labels only, so it holds
    # none and passes, where a table that holds the participant's id is refused.
    transcript = "ANNA: Jag började i våras.\nBO: Och sedan?\nANNA: Sedan blev det vardag.\n"
    study = small_study(
        participants=[
            {"id": "anna-andersson", "label": "Peer worker 1", "group": "peers"},
            {"id": "m1", "label": "Manager 1", "group": "managers"},
        ],
        coders=[{"id": "anna-berg-example-se", "label": "Coder Kappa", "role": "second coder"}],
        sources=[{"id": "i1", "label": "Interview 1", "text": transcript}],
        quotes=[
            {"id": "q1", "text": "Pay matters.", "participant": "anna-andersson"},
            {"id": "q2", "text": "Budgets decide.", "participant": "m1"},
            {"id": "q3", "text": "Nobody knows who said this."},
            {"id": "q4", "text": "A role is a role.", "participant": "anna-andersson"},
        ],
        codings=[
            {"quote": "q1", "subtheme": "s1", "coder": "anna-berg-example-se"},
            {"quote": "q2", "subtheme": "s2"},
            {"quote": "q4", "theme": "t2"},
        ],
        memos=[
            {"id": "memo1", "text": "Pay first.", "author": "anna-berg-example-se"},
            {"id": "memo2", "text": "Talks fast.", "about": ["participant:anna-andersson"]},
        ],
    )
    page = render_report(study, include_memos=True, include_coders=True)
    assert "anna" not in page.lower()
    assert "Peer worker 1 (Peer workers); coded by Coder Kappa" in page
    with pytest.raises(pl.IdentifyingDataError, match="participant:anna-andersson id: name"):
        pl.write_table(study, tmp_path / "quotes.csv")


def test_the_file_needs_nothing_from_the_network_and_no_script(engdahl: pl.Study) -> None:
    page = render_report(engdahl)
    tree = parsed(page)
    assert not tree.xpath("//script | //link | //img | //iframe | //object | //embed")
    assert not tree.xpath("//@src")
    # The map's clip paths are url(#id): references inside the file.
    assert re.findall(r"url\((?!#)", page) == []
    assert "@import" not in page
    external = [href for href in tree.xpath("//a/@href") if not href.startswith("#")]
    assert external == []


def test_the_drawn_map_is_inline_svg_with_a_text_alternative(engdahl: pl.Study) -> None:
    tree = parsed(render_report(engdahl))
    (svg,) = tree.xpath("//figure[@class='map']//svg")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "map-title map-desc"
    assert text_of(svg.find("title")) == f"Thematic map of {engdahl.title}"
    description = text_of(svg.find("desc"))
    assert all(s.label in description for s in engdahl.subthemes)


def test_without_matplotlib_the_map_is_the_framework_as_a_linked_list(
    engdahl: pl.Study, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plot, "thematic_map_svg", _no_matplotlib)
    tree = parsed(render_report(engdahl))
    assert not tree.xpath("//svg")
    (outline,) = tree.xpath("//ul[@class='tree']")
    links = [text_of(a) for a in outline.iter("a")]
    assert links == [label for t in engdahl.themes for label in _theme_and_subthemes(engdahl, t)]
    assert "needs the plot extra" in text_of(tree.xpath("//figure[@class='map']")[0])
    targets = set(tree.xpath("//h2/@id | //h3/@id"))
    assert {a.get("href")[1:] for a in outline.iter("a")} <= targets


def _theme_and_subthemes(study: pl.Study, theme: pl.Theme) -> list[str]:
    return [theme.label, *(s.label for s in study.subthemes if s.theme == theme.id)]


def test_every_link_of_the_contents_leads_to_a_heading(engdahl: pl.Study) -> None:
    tree = parsed(render_report(engdahl, include_memos=True))
    ids = set(tree.xpath("//@id"))
    hrefs = tree.xpath("//a/@href")
    assert len(hrefs) > 12
    assert {href[1:] for href in hrefs} <= ids
    assert len(tree.xpath("//@id")) == len(ids)  # unique


def test_the_same_study_gives_the_same_file(tmp_path: Path) -> None:
    study = small_study()
    first = write_report(study, tmp_path / "a.html").read_bytes()
    second = write_report(study, tmp_path / "b.html").read_bytes()
    assert first == second


# --- the command line ---------------------------------------------------------------------


def test_the_command_writes_the_report_of_the_built_in_study(tmp_path: Path) -> None:
    target = tmp_path / "findings.html"
    result = CliRunner().invoke(main, ["report", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == render_report(pl.datasets.engdahl2025())
    assert result.stdout == ""
    assert "Wrote the findings report (4 themes, 12 sub-themes," in result.stderr
    assert all(len(line) <= 80 for line in result.stderr.splitlines())


def test_the_command_takes_a_study_document_and_the_memo_and_coder_flags(tmp_path: Path) -> None:
    source = pl.write_json(small_study(), tmp_path / "small.json")
    target = tmp_path / "findings.html"
    args = ["report", str(source), "-o", str(target)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert "Pay came up first." not in target.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, [*args, "--include-memos", "--include-coders"])
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert "Pay came up first." in page
    assert "Coder Kappa" in page


def test_the_command_refuses_identifying_text_with_exit_code_2(tmp_path: Path) -> None:
    participants = [
        {"id": "p1", "label": "Karin Lindqvist", "group": "peers"},
        {"id": "m1", "label": "Manager 1", "group": "managers"},
    ]
    source = pl.write_json(small_study(participants=participants), tmp_path / "s.json")
    target = tmp_path / "findings.html"
    result = CliRunner().invoke(main, ["report", str(source), "-o", str(target)])
    assert result.exit_code == 2
    # The message is wrapped to the terminal, where the temporary path's length falls.
    words = " ".join(result.stderr.split())
    assert words.startswith(f"Error: {target}: not written: it would hold")
    assert "Karin Lindqvist" not in result.stderr
    assert not target.exists()
    allowed = ["report", str(source), "-o", str(target), "--allow-identifying"]
    assert CliRunner().invoke(main, allowed).exit_code == 0
    assert "Karin Lindqvist" in target.read_text(encoding="utf-8")


# --- in a real browser --------------------------------------------------------------------


def chromium_binary() -> str:
    """Return Debian's Chromium, or skip the test (fail it under CI, which installs it)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = "chromium is not installed (apt-get install chromium): the browser tests need it"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


_PLACE_PIPE = (
    "import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
    "os.execv(sys.argv[3], sys.argv[3:])"
)


class Browser:
    """Headless Chromium driven through the DevTools protocol on a pipe (fds 3 and 4).

    Messages are JSON, each ended by a NUL byte. Every event received is kept,
    so that the console messages of a page can be read after it has loaded.
    """

    timeout = 60.0

    def __init__(self, binary: str, profile: Path) -> None:
        theirs_in, self._to_browser = os.pipe()
        self._from_browser, theirs_out = os.pipe()
        # Chromium reads fd 3 and writes fd 4. A small Python puts the pipe's ends there and
        # execs it (a preexec_fn would not be safe beside threads); they are moved above
        # fd 10 first, so that placing one at 3 or 4 cannot overwrite the other.
        theirs = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (theirs_in, theirs_out)]
        os.close(theirs_in)
        os.close(theirs_out)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _PLACE_PIPE,
                *map(str, theirs),
                binary,
                "--headless=new",
                "--no-sandbox",  # CI runs as root, where Chromium's sandbox will not start
                "--disable-gpu",
                "--disable-dev-shm-usage",  # a container's /dev/shm can be too small
                "--remote-debugging-pipe",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=theirs,
        )
        for fd in theirs:
            os.close(fd)
        self._buffer = b""
        self._sent = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        self._sent += 1
        message: dict[str, Any] = {"id": self._sent, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        sent = self._sent
        answer = self._until(lambda m: m.get("id") == sent)
        if "error" in answer:
            raise AssertionError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        """Return the next event ``method`` of ``session`` not waited for yet."""

        def wanted(message: dict[str, Any]) -> bool:
            return message.get("method") == method and message.get("sessionId") == session

        for event in self.events:
            if wanted(event) and not event.get("waited"):
                event["waited"] = True
                return event
        event = self._until(wanted)
        self.events[-1]["waited"] = True
        return event

    def _until(self, wanted: Any) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            while b"\0" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("Chromium did not answer in time")
                if select.select([self._from_browser], [], [], left)[0]:
                    chunk = os.read(self._from_browser, 1 << 20)
                    if not chunk:
                        raise AssertionError("Chromium closed the pipe")
                    self._buffer += chunk
            raw, _, self._buffer = self._buffer.partition(b"\0")
            message = json.loads(raw)
            if "id" not in message:
                self.events.append(message)
            if wanted(message):
                return dict(message)

    def close(self) -> None:
        with contextlib.suppress(AssertionError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


class Page:
    """One tab of :class:`Browser`, at a given width, with its console recorded."""

    def __init__(self, browser: Browser, width: int) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.width = width
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
        self.send("Emulation.setDeviceMetricsOverride", metrics)

    def send(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return self.browser.send(method, params, session=self.session)

    def open(self, path: Path) -> float:
        """Load ``path``; return the seconds from navigation to the load event."""
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.browser.wait_for("Page.loadEventFired", self.session)
        timing = self.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
        return float(timing["loadEventEnd"]) / 1000

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self) -> list[dict[str, Any]]:
        """Console messages, uncaught exceptions and browser log entries (failed loads, ...)."""
        kinds = {"Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded"}
        return [
            event
            for event in self.browser.events
            if event.get("method") in kinds and event.get("sessionId") == self.session
        ]

    def screenshot(self, target: Path) -> Path:
        """Save the whole page, top to bottom, as a PNG."""
        height = self.evaluate("document.documentElement.scrollHeight")
        clip = {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1}
        shot = self.send(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
        )
        target.write_bytes(base64.b64decode(shot["data"]))
        return target


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    running = Browser(chromium_binary(), tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield running
    finally:
        running.close()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(pl.datasets.engdahl2025(), tmp_path_factory.mktemp("report") / "r.html")


def keep(shot: Path) -> None:
    """Copy a screenshot to tests/_artefacts/, where a person can look at it."""
    ARTEFACTS.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTEFACTS / shot.name)


# Contrast of each element's own text against the first opaque background behind it (WCAG 2).
_CONTRASTS = """
(() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    found.push([el.tagName, el.textContent.trim().slice(0, 40), ratio]);
  }
  return found;
})()
"""


def test_the_browser_checks_see_a_console_error_a_failed_load_and_faint_text(
    browser: Browser, tmp_path: Path
) -> None:
    # The checks below pass on the report; here they are shown to fail where they should.
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><body><p style="color:#aaa">faint</p>'
        '<img src="missing.png" alt=""><script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    page = Page(browser, 800)
    page.open(broken)
    methods = {event["method"] for event in page.problems()}
    assert methods == {"Runtime.consoleAPICalled", "Log.entryAdded"}
    assert [round(ratio, 2) for _, _, ratio in page.evaluate(_CONTRASTS)] == [2.32]


@pytest.mark.parametrize(("name", "width"), [("desktop", 1200), ("phone", 390)])
def test_the_report_renders_in_chromium_with_no_console_error_and_every_subtheme(
    browser: Browser, written: Path, tmp_path: Path, name: str, width: int
) -> None:
    study = pl.datasets.engdahl2025()
    page = Page(browser, width)
    seconds = page.open(written)
    assert page.problems() == []
    headings = page.evaluate("[...document.querySelectorAll('h3')].map(h => h.innerText)")
    assert [h.rsplit(" (", 1)[0] for h in headings] == [s.label for s in study.subthemes]
    shown = page.evaluate(
        "[...document.querySelectorAll('section.subtheme')].map(s => "
        "[...s.querySelectorAll('blockquote')].filter(b => b.offsetHeight > 0).length)"
    )
    assert shown == [len(study.index.subtheme_quotes[s.id]) for s in study.subthemes]
    # As wide as the screen: nothing but the map and the table scrolls sideways, in their boxes.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.querySelector('figure.map svg').getBBox().width") > 0
    contrasts = page.evaluate(_CONTRASTS)
    assert len(contrasts) > 100
    # WCAG AA asks 4.5:1; the style sheet promises 7:1 (AAA), as docs/report.md says.
    low = [(tag, text, round(ratio, 2)) for tag, text, ratio in contrasts if ratio < 7]
    assert low == []
    keep(page.screenshot(tmp_path / f"report-{name}.png"))
    print(f"{name}: {written.stat().st_size / 1024:.0f} KiB loaded in {seconds * 1000:.0f} ms")
    assert seconds < 10


def test_the_report_prints_without_its_contents_list_and_one_theme_to_a_page(
    browser: Browser, written: Path
) -> None:
    page = Page(browser, 1200)
    page.open(written)
    page.send("Emulation.setEmulatedMedia", {"media": "print"})
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    breaks = page.evaluate(
        "[...document.querySelectorAll('section.theme')].map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page"] * 4
    pdf = base64.b64decode(page.send("Page.printToPDF", {"printBackground": False})["data"])
    assert pdf.startswith(b"%PDF")
    assert page.problems() == []
