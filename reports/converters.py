"""Path converters of the report pages: a year is four digits (the view answers 404
outside the years SIGAP keeps) and a semester is 1 or 2, so nothing else reaches a view
and no number past what a date can hold is ever parsed (security.request_values)."""


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


class SemesterConverter:
    regex = "[12]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
