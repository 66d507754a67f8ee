"""Names folded all at once are the names folded one by one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from peerlandscape._names import as_id
from peerlandscape.models import Kind
from peerlandscape.refi._importing._ids import ReadableIds, as_ids

# Letters with marks (composed and not), compatibility forms, scripts without ASCII,
# punctuation, line breaks and ids that are ids already.
_names = st.lists(
    st.one_of(
        st.text(),
        st.text(alphabet="aÅå\u030aﬁ①Ö-_. \n\t\x1c\u00a0…?同AZ"),
        st.from_regex(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*", fullmatch=True),
    ),
    max_size=8,
)


@given(_names)
def test_names_folded_at_once_are_the_names_folded_one_by_one(values: list[str]) -> None:
    assert as_ids(values) == [as_id(value) for value in values]


@given(st.lists(st.fixed_dictionaries({"label": st.none() | st.text(), "text": st.text()})))
def test_quotes_named_at_once_are_named_as_one_by_one(
    records: list[dict[str, str]],
) -> None:
    one_by_one = ReadableIds()
    expected = [one_by_one.new_id(Kind.QUOTE, record) for record in records]

    assert ReadableIds().new_ids(Kind.QUOTE, records) == expected
