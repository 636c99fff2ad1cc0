"""Datelines ("CARACAS, Nov 3 (Reuters) -") and the date a document is anchored to.

The anchor resolves relative dates ("on Sunday", "yesterday"). Precedence: a dateline date,
completed with the year of the front-matter date or of the document's own full dates, then the
front-matter date alone, then nothing (relative dates then stay unresolved).
"""

from __future__ import annotations

try:  # the C module itself, without the datetime module's pure Python version (see srclint.documents)
    import _datetime as dt
except ImportError:  # pragma: no cover - another implementation
    import datetime as dt  # type: ignore[no-redef]
from collections import Counter
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module
if TYPE_CHECKING:
    from typing import Any

from ..records import record
from . import LazyPattern

__all__ = ["Dateline", "MONTHS", "find_dateline", "metadata_date", "resolve_anchor"]

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_LETTERS = r"(?:[^\W\d_]|[.'’\- ])"
_PLACE = (
    rf"[A-Z]{_LETTERS}{{1,40}}?"
    rf"(?:,\s(?!(?i:{_MONTH_ALT})\b)[A-Z]{_LETTERS}{{1,30}}?)?"
)
# Compiled on first use (see LazyPattern): a run may never need them, as most documents do
# not open with a capital and a dash in reach (see find_dateline), and few datelines lack a year.
_DATELINE = LazyPattern(
    rf"(?P<place>{_PLACE}),?\s+"
    rf"(?:(?P<month>(?i:{_MONTH_ALT}))\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\s*)?"
    r"(?:\((?P<agency>[A-Za-z][A-Za-z .&'-]{0,30})\)\s*)?"
    r"[-—–]{1,2}\s"
)
_DASH_SPACE = LazyPattern(r"[-—–]\s")  # how every dateline ends (see `_has_dash_space`)
_FULL_DATE_YEAR = LazyPattern(rf"\b(?i:{_MONTH_ALT})\.?\s+\d{{1,2}},?\s+((?:19|20)\d\d)\b")


@record(frozen=True, slots=True)
class Dateline:
    """An article's dateline ("WASHINGTON, May 3 (Reuters) -"): where it is, its place, date and agency."""
    start: int
    end: int
    place: str
    month: int | None
    day: int | None
    year: int | None
    agency: str | None

    def __init__(
        self, start: int, end: int, place: str, month: int | None, day: int | None, year: int | None, agency: str | None,
    ) -> None:  # fmt: skip
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "start", start)
        store(self, "end", end)
        store(self, "place", place)
        store(self, "month", month)
        store(self, "day", day)
        store(self, "year", year)
        store(self, "agency", agency)


def find_dateline(text: str, start: int, end: int) -> Dateline | None:
    """A dateline at the very start of text[start:end] (the first paragraph), or None."""
    stop = min(end, start + 160)
    # The pattern needs a capital A-Z first and a dash before a space in reach, which most
    # first paragraphs lack; trying it costs much backtracking over the place name.
    if not "A" <= text[start:start + 1] <= "Z" or not _has_dash_space(text, start, stop):
        return None
    m = _DATELINE.match(text, start, stop)
    if m is None:
        return None
    has_date = m.group("month") is not None
    if not has_date and m.group("agency") is None and not m.group("place").isupper():
        return None  # "Caracas - " alone is too weak; "CARACAS, Venezuela (AP) —" is not
    month = MONTHS[m.group("month").lower()] if has_date else None
    return Dateline(
        start=m.start(),
        end=m.end(),
        place=m.group("place").strip(),
        month=month,
        day=int(m.group("day")) if has_date else None,
        year=int(m.group("year")) if m.group("year") else None,
        agency=m.group("agency"),
    )


def _has_dash_space(text: str, start: int, stop: int) -> bool:
    """Whether text[start:stop] holds a dash and a white-space character after it (a match of
    `_DASH_SPACE`), told with `str.find` for each dash: a pattern opening with a character
    class is tried at every position, several times slower."""
    last = min(stop, len(text)) - 1  # where a dash with a character after it may be found, before
    if last <= start:
        return False
    for dash in "-—–":
        i = text.find(dash, start, last)
        while i >= 0:
            if text[i + 1].isspace():  # str.isspace is what `\s` matches
                return True
            i = text.find(dash, i + 1, last)
    return False


def metadata_date(metadata: dict[str, Any]) -> dt.date | None:
    if not metadata:  # plain-text articles: no front matter
        return None
    for key in ("date", "published", "pubdate", "publication_date", "dateline_date"):
        value = metadata.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                continue
    return None


def resolve_anchor(dateline: Dateline | None, meta: dt.date | None, text: str) -> dt.date | None:
    if dateline is None or dateline.month is None or dateline.day is None:
        return meta
    year = dateline.year or (meta.year if meta else None)
    if year is None:
        years = Counter(int(y) for y in _FULL_DATE_YEAR.findall(text))
        if not years:
            return meta
        year = years.most_common(1)[0][0]
    try:
        return dt.date(year, dateline.month, dateline.day)
    except ValueError:
        return meta
