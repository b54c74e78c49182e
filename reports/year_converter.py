"""`<tahun:tahun>` in the reports' URL patterns: a year SIGAP answers for
(security.request_values.FIRST_YEAR..LAST_YEAR), as an int; any other is a plain 404
before the view runs, as `<id:pk>` does for ids."""

from django.urls import converters, register_converter

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
        return str(value)


def register() -> None:
    """Register the converter once (each URL module that uses it calls this)."""
    if "tahun" not in converters.get_converters():
        register_converter(YearConverter, "tahun")
