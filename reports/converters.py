"""Path converters of the report pages (`<report_year:…>`, `<report_semester:…>`,
registered in reports.apps): a year is one SIGAP answers for (security.request_values),
a semester is 1 or 2, so nothing else reaches a view (any other is a plain 404, as
`<id:pk>` does for ids) and no number past what a date can hold is ever parsed."""

from security.request_values import parse_year


class YearConverter:
    # 2000–2100 in the pattern itself, so that the URL walker of the tests (tests/urlwalk)
    # fills in a year that resolves; to_python checks against request_values as well.
    regex = "(?:20[0-9]{2}|2100)"

    def to_python(self, value: str) -> int:
        year = parse_year(value)
        if year is None:
            raise ValueError(value)  # the resolver then tries the next pattern, then 404
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class SemesterConverter:
    regex = "[12]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
