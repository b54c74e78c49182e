"""Walking the project's URL resolver: every pattern, through every include, with a
concrete path for each (dummy values for its parameters), so that a test can cover every
page without listing them, and a page added later is covered too."""

import re
from re import _parser as regex_parser  # the stdlib's own regex parser (sre_parse)

from django.urls import URLResolver, get_resolver

# Characters tried, in order, for a character class: digits first, so an id is "1".
_CANDIDATES = "1xa0-_."


def _strip_anchors(regex: str) -> str:
    regex = regex.removeprefix("^")
    for end in (r"\Z", "$"):
        if regex.endswith(end) and not regex.endswith("\\" + end):
            return regex.removesuffix(end)
    return regex


def _class_accepts(items, char: str) -> bool:
    negate, hit = False, False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            hit |= ord(char) == arg
        elif name == "RANGE":
            hit |= arg[0] <= ord(char) <= arg[1]
        elif name == "CATEGORY":
            hit |= bool(re.fullmatch(_CATEGORY_PATTERNS[str(arg)], char))
    return hit != negate


_CATEGORY_PATTERNS = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
}


def _sample(parsed) -> str:
    """One string the parsed regex matches, preferring short, plain values."""
    out = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append(next(c for c in _CANDIDATES if ord(c) != arg))
        elif name == "ANY":
            out.append("x")
        elif name == "IN":
            out.append(next(c for c in _CANDIDATES + "bcdefghijklmnopqrstuvwyz" if _class_accepts(arg, c)))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = arg
            out.append(_sample(sub) * max(low, 1))
        elif name == "SUBPATTERN":
            out.append(_sample(arg[-1]))
        elif name == "BRANCH":
            out.append(_sample(arg[1][0]))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            raise AssertionError(f"walker cannot fill regex element {name}; teach _sample about it")
    return "".join(out)


def walk(resolver=None, prefix="", namespace=""):
    """(regex, name, pattern) for every URL pattern of the project: the regex of the whole
    path without its leading slash, and the name with its namespaces ("wbs:login")."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        regex = prefix + _strip_anchors(pattern.pattern.regex.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern, regex, inner)
        else:
            yield regex, f"{namespace}{pattern.name}" if pattern.name else None, pattern


def sample_path(regex: str) -> str:
    """A concrete path the regex matches, ids as "1"."""
    sample = _sample(regex_parser.parse(regex))
    assert re.fullmatch(regex, sample), (regex, sample)
    return "/" + sample


def sample_paths() -> set[str]:
    """A concrete path for every URL pattern of the project."""
    return {sample_path(regex) for regex, _name, _pattern in walk()}
