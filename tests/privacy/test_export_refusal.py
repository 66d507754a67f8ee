"""Files for sharing refuse text that identifies a person, unless the caller allows it.

Every writer of a file meant for others (REFI-QDA project and codebook, GraphML,
node-link, the table of quotes, Mermaid and DOT, and the commands ``export`` and
``quotes --format csv``) scans what it would write, and raises
``IdentifyingDataError`` listing each finding and where it sits, its text masked,
without writing anything; ``allow_identifying=True`` (``--allow-identifying``)
writes it as it is. ``write_json``, the working format, does not refuse. The built-in
study exports cleanly everywhere. Every person, number and address here is invented.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape._exceptions import IdentifyingDataError
from peerlandscape.cli import main
from peerlandscape.privacy import scan, scan_study
from peerlandscape.privacy._scan import Scanner, resolve_overlaps
from shared import in_ci

if in_ci():
    import lxml  # noqa: F401  # CI installs the test extra, which brings it: a failure here is real
else:
    pytest.importorskip("lxml", reason="REFI-QDA files need the optional lxml dependency")

NAME = "Anna Andersson"
NUMBER = "850101-1236"
EMAIL = "anna.berg@example.se"
PHONE = "070-174 06 05"
FULL_TEXTS = (NAME, NUMBER, EMAIL, PHONE)


def make_study(*, subtheme: str = "Learning together", quote: str | None = None) -> pl.Study:
    return pl.Study.model_validate(
        {
            "id": "demo",
            "title": "Peer support in a county",
            "groups": [{"id": "psw", "label": "Peer support workers"}],
            "participants": [
                {
                    "id": "p1",
                    "label": NAME,
                    "group": "psw",
                    "attributes": {"Personnummer": NUMBER},
                },
                {"id": "p2", "label": "Peer support worker 2", "group": "psw"},
            ],
            "coders": [{"id": "c1", "label": EMAIL}],
            "quotes": [
                {"id": "q1", "text": quote or f"Ring mig på {PHONE}.", "participant": "p1"},
                {"id": "q2", "text": "Vi ses varje vecka.", "participant": "p2"},
            ],
            "themes": [{"id": "t1", "label": "Growth"}],
            "subthemes": [{"id": "s1", "label": subtheme, "theme": "t1"}],
            "codes": [{"id": "k1", "label": "Lived experience", "subtheme": "s1"}],
            "codings": [
                {"quote": "q1", "code": "k1", "coder": "c1"},
                {"quote": "q2", "code": "k1", "coder": "c1"},
            ],
        }
    )


# A study whose framework names a participant: what a codebook and a diagram hold.
def named_framework() -> pl.Study:
    return make_study(subtheme=f"What {NAME} taught us", quote="Vi ses varje vecka.")


Writer = Callable[[pl.Study, Path, bool], Any]


def _qdpx(study: pl.Study, folder: Path, allow: bool) -> Any:
    return pl.write_qdpx(study, folder / "out.qdpx", allow_identifying=allow)


def _qdc(study: pl.Study, folder: Path, allow: bool) -> Any:
    return pl.write_qdc(study, folder / "out.qdc", allow_identifying=allow)


def _graphml(study: pl.Study, folder: Path, allow: bool) -> Any:
    return pl.write_graphml(pl.to_networkx(study), folder / "out.graphml", allow_identifying=allow)


def _node_link(study: pl.Study, folder: Path, allow: bool) -> Any:
    return pl.write_node_link(pl.to_networkx(study), folder / "out.json", allow_identifying=allow)


def _csv(study: pl.Study, folder: Path, allow: bool) -> Any:
    return pl.write_table(study, folder / "out.csv", allow_identifying=allow)


def _xlsx(study: pl.Study, folder: Path, allow: bool) -> Any:
    return pl.write_table(study, folder / "out.xlsx", allow_identifying=allow)


def _mermaid(study: pl.Study, _folder: Path, allow: bool) -> Any:
    return pl.generate_mermaid(study, allow_identifying=allow)


def _dot(study: pl.Study, _folder: Path, allow: bool) -> Any:
    return pl.generate_dot(study, allow_identifying=allow)


# Each writer, and what it would write of make_study(): the findings it refuses.
WHOLE_STUDY = [
    ("participant:p1", "label", "name", NAME),
    ("participant:p1", "attributes.Personnummer", "personal_identity_number", NUMBER),
    ("quote:q1", "text", "phone", PHONE),
    ("coder:c1", "label", "email", EMAIL),
]
STUDY_WRITERS: dict[str, tuple[Writer, list[tuple[str, str, str, str]]]] = {
    "write_qdpx": (_qdpx, WHOLE_STUDY),
    "write_graphml": (_graphml, WHOLE_STUDY),
    "write_node_link": (_node_link, WHOLE_STUDY),
    # A table holds the quotes and the speakers' labels: not the coder's, not the attributes.
    "write_table csv": (
        _csv,
        [("quote:q1", "text", "phone", PHONE), ("participant:p1", "label", "name", NAME)],
    ),
    "write_table xlsx": (
        _xlsx,
        [("quote:q1", "text", "phone", PHONE), ("participant:p1", "label", "name", NAME)],
    ),
}
FRAMEWORK_WRITERS: dict[str, Writer] = {
    "write_qdc": _qdc,
    "generate_mermaid": _mermaid,
    "generate_dot": _dot,
}
ALL_WRITERS: dict[str, Writer] = {
    **{name: writer for name, (writer, _) in STUDY_WRITERS.items()},
    **FRAMEWORK_WRITERS,
}


def located(error: IdentifyingDataError) -> list[tuple[str, str, str, str]]:
    return [(f.ref, f.field, f.kind.value, f.text) for f in error.findings]


@pytest.mark.parametrize("name", STUDY_WRITERS)
def test_a_writer_refuses_identifying_text_lists_where_it_sits_and_writes_nothing(
    name: str, tmp_path: Path
) -> None:
    writer, expected = STUDY_WRITERS[name]
    with pytest.raises(IdentifyingDataError) as caught:
        writer(make_study(), tmp_path, False)
    assert sorted(located(caught.value)) == sorted(expected)
    assert list(tmp_path.iterdir()) == []
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "out."))
    for ref, field, kind, _ in expected:
        assert f"{ref} {field}: {kind} " in message
    # The message masks what it found: it may be logged or shown in CI.
    assert not any(text in message for text in FULL_TEXTS)
    assert "allow_identifying=True" in message


@pytest.mark.parametrize("name", FRAMEWORK_WRITERS)
def test_a_codebook_or_a_diagram_refuses_a_name_in_a_label_it_draws(
    name: str, tmp_path: Path
) -> None:
    with pytest.raises(IdentifyingDataError) as caught:
        FRAMEWORK_WRITERS[name](named_framework(), tmp_path, False)
    # The name is known to be one from the participant's label, which is not written.
    assert located(caught.value) == [("subtheme:s1", "label", "name", NAME)]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", FRAMEWORK_WRITERS)
def test_a_codebook_or_a_diagram_is_not_refused_for_what_it_does_not_hold(
    name: str, tmp_path: Path
) -> None:
    # make_study() names a person, a number, a phone and an e-mail, none in the framework.
    assert FRAMEWORK_WRITERS[name](make_study(), tmp_path, False)


@pytest.mark.parametrize("name", ALL_WRITERS)
def test_allow_identifying_writes_it_as_it_is(name: str, tmp_path: Path) -> None:
    study = named_framework() if name in FRAMEWORK_WRITERS else make_study()
    result = ALL_WRITERS[name](study, tmp_path, True)
    if name in {"generate_mermaid", "generate_dot"}:
        assert NAME in result
    else:
        assert len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize("name", ALL_WRITERS)
def test_the_built_in_study_exports_without_a_finding(name: str, tmp_path: Path) -> None:
    assert ALL_WRITERS[name](pl.datasets.engdahl2025(), tmp_path, False)


def test_the_paper_holds_nothing_the_scanner_takes_for_identifying() -> None:
    # Not an allowlist: the paper's quotes, labels and descriptions, scanned as any study.
    assert scan_study(pl.datasets.engdahl2025()) == []


def test_a_refused_write_leaves_the_file_already_there_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "out.qdpx"
    target.write_bytes(b"the earlier export")
    with pytest.raises(IdentifyingDataError):
        pl.write_qdpx(make_study(), target)
    assert target.read_bytes() == b"the earlier export"


def test_the_error_is_a_value_error_of_the_library_with_every_finding(tmp_path: Path) -> None:
    study = make_study(quote=" ".join(f"Ring {PHONE[:-2]}{n:02d}." for n in range(5, 30)))
    with pytest.raises(IdentifyingDataError) as caught:
        pl.write_table(study, tmp_path / "out.csv")
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, pl.PeerLandscapeError)
    assert len(error.findings) == 26  # 25 phones and the name, all of them
    assert "... and 16 more" in str(error)  # the message lists the first ten
    assert list(tmp_path.iterdir()) == []


def test_write_json_is_the_working_format_and_keeps_everything(tmp_path: Path) -> None:
    path = pl.write_json(make_study(), tmp_path / "study.json")
    assert all(text in path.read_text(encoding="utf-8") for text in FULL_TEXTS)


def test_a_pseudonymised_study_is_written_without_being_refused(tmp_path: Path) -> None:
    from peerlandscape.privacy import pseudonymise

    clean = pseudonymise(make_study()).study
    for writer in STUDY_WRITERS.values():
        writer[0](clean, tmp_path, False)
    assert pl.generate_mermaid(pseudonymise(named_framework()).study)


def test_without_phonenumbers_a_writer_says_how_to_check_or_skip_the_check() -> None:
    code = textwrap.dedent("""
        import sys
        sys.modules["phonenumbers"] = None
        import peerlandscape as pl
        study = pl.datasets.engdahl2025()
        try:
            pl.generate_mermaid(study)
        except pl.MissingDependencyError as error:
            print(error.extra)
            print(error)
        print(pl.generate_mermaid(study, allow_identifying=True).splitlines()[0])
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.splitlines() == [
        "privacy",
        "generate_mermaid: checking what is written for identifying text needs phonenumbers, "
        "which is not installed: pip install 'peerlandscape[privacy]' (or pass "
        "allow_identifying=True to write without checking)",
        "flowchart LR",
    ]


# -- the scanner's shortcut -----------------------------------------------------------------


def _every_recogniser(text: str, names: list[str]) -> list[Any]:
    # What scan() gave before it skipped the recognisers a text gives nothing to.
    from peerlandscape.privacy import _scan
    from peerlandscape.privacy._email import find_emails

    scanner = Scanner(names)
    proposed = [finding for _, recognise in _scan._NUMBERED for finding in recognise(text)]
    proposed += find_emails(text)
    proposed += scanner.names.find(text)
    return resolve_overlaps(proposed)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Anna",
                " ",
                "\n",
                "@",
                "(at)",
                " [at] ",
                "example",
                ".se",
                "850101-1236",
                "070-174 06 05",
                "Storgatan 12",
                "223 50 Lund",
                "född",
                "9 juli 1985",
                "x",
                "ö",
                "1",
                "12345",
                "+46 ",
                "P1: ",
                "DOB ",
                "Born",
                "SE-",
            ]
        ),
        max_size=16,
    ).map("".join),
    st.lists(st.sampled_from(["Anna", "Lund", "Bo"]), max_size=2),
)
def test_skipping_what_a_text_cannot_hold_finds_the_same(text: str, names: list[str]) -> None:
    assert scan(text, names=names) == _every_recogniser(text, names)


# -- the command line ---------------------------------------------------------------------


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "80"})


@pytest.fixture
def study_path(tmp_path: Path) -> Path:
    return pl.write_json(make_study(), tmp_path / "study.json")


@pytest.mark.parametrize("target", ["qdpx", "qdc"])
def test_export_refuses_identifying_text_masked_and_writes_nothing(
    target: str, tmp_path: Path
) -> None:
    study = named_framework() if target == "qdc" else make_study()
    source = pl.write_json(study, tmp_path / "study.json")
    output = tmp_path / f"out.{target}"
    result = run("export", str(source), "--to", target, "-o", str(output))
    assert result.exit_code == 2, result.output
    assert not output.exists()
    flat = " ".join(result.stderr.split())  # as read, whatever the wrapping
    assert flat.startswith(f"Error: {output}: not written: it would hold")
    assert "--allow-identifying" in flat
    assert ": name A… A…" in flat
    assert not any(text in result.stderr for text in FULL_TEXTS)
    assert max(len(line) for line in result.stderr.splitlines()) <= 80


def test_export_with_allow_identifying_writes_it(study_path: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.qdpx"
    result = run(
        "export", str(study_path), "--to", "qdpx", "-o", str(output), "--allow-identifying"
    )
    assert result.exit_code == 0, result.output
    assert output.exists()


def test_quotes_as_csv_refuses_identifying_text(study_path: Path) -> None:
    result = run("quotes", str(study_path), "--format", "csv")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    flat = " ".join(result.stderr.split())
    assert "quote:q1 text: phone 070-…05" in flat
    assert "participant:p1 label: name A… A…" in flat


def test_quotes_as_csv_of_quotes_that_identify_no_one_is_written(study_path: Path) -> None:
    # The filter leaves the quote of Peer support worker 2 alone: nothing to refuse there.
    result = run("quotes", str(study_path), "--format", "csv", "--participant", "p2")
    assert result.exit_code == 0, result.output
    assert "Vi ses varje vecka." in result.stdout


def test_quotes_as_csv_with_allow_identifying_prints_it(study_path: Path) -> None:
    result = run("quotes", str(study_path), "--format", "csv", "--allow-identifying")
    assert result.exit_code == 0, result.output
    assert PHONE in result.stdout
    assert NAME in result.stdout


def test_quotes_on_the_terminal_are_not_refused(study_path: Path) -> None:
    result = run("quotes", str(study_path))
    assert result.exit_code == 0, result.output


def test_quotes_as_json_is_the_working_format_and_not_refused(study_path: Path) -> None:
    # The JSON output is the records themselves, the working format: not refused.
    result = run("quotes", str(study_path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["text"] == f"Ring mig på {PHONE}."


def test_the_built_in_study_exports_on_the_command_line(tmp_path: Path) -> None:
    for target in ("qdpx", "qdc"):
        result = run("export", "--to", target, "-o", str(tmp_path / f"e.{target}"))
        assert result.exit_code == 0, result.output
    assert run("quotes", "--format", "csv").exit_code == 0


def test_the_names_a_writer_looks_for_are_those_scan_study_discovers() -> None:
    from peerlandscape.privacy._sharing import _name_texts
    from peerlandscape.privacy._study_scan import discovered_names
    from peerlandscape.privacy._texts import study_texts

    transcript = "Moderator: Hej.\nKIM: Hej.\nKIM: Det var Bo.\nBO: Ja.\n"
    study = make_study().model_copy(
        update={
            "participants": (
                *make_study().participants[:1],
                pl.Participant(
                    id="p2", label="Peer support worker 2", group="psw", aliases=("Kim Ek",)
                ),
            ),
            "sources": (pl.Source(id="s1", label="Focus group", text=transcript),),
        }
    )
    options = {"name_labels": True, "speaker_tags": True}
    found = discovered_names(_name_texts(study), **options)
    assert found == discovered_names(study_texts(study), **options)
    assert found == [NAME, "Kim Ek", "KIM", "KIM"]


@pytest.mark.parametrize("output_format", ["graphml", "json", "mermaid", "dot"])
def test_graph_refuses_identifying_text_unless_allowed(output_format: str, tmp_path: Path) -> None:
    study = named_framework() if output_format in {"mermaid", "dot"} else make_study()
    source = pl.write_json(study, tmp_path / "study.json")
    output = tmp_path / f"out.{output_format}"
    refused = run("graph", str(source), "--format", output_format, "-o", str(output))
    assert refused.exit_code == 2, refused.output
    assert not output.exists()
    assert "name A… A…" in " ".join(refused.stderr.split())
    assert NAME not in refused.stderr
    allowed = run(
        "graph", str(source), "--format", output_format, "-o", str(output), "--allow-identifying"
    )
    assert allowed.exit_code == 0, allowed.output
    assert NAME in output.read_text(encoding="utf-8")
