"""The interface strings: complete in both languages, filled in strictly, and used by key."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dashboard.text.i18n import STRINGS, MissingText, t
from dashboard.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
CODE = [
    *sorted((ROOT / "src").rglob("*.py")),
    ROOT / "app.py",
    *sorted(ROOT.glob("app_pages/*.py")),
]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_has_a_non_empty_text_per_language():
    bad = [
        key
        for key, texts in STRINGS.items()
        if len(texts) != len(LANGUAGES) or not all(isinstance(x, str) and x.strip() for x in texts)
    ]
    assert bad == []


def test_both_languages_use_the_same_named_fields():
    differ = {
        key: [sorted(fields(x)) for x in texts]
        for key, texts in STRINGS.items()
        if len({frozenset(fields(x)) for x in texts}) != 1
    }
    assert differ == {}


def test_fields_are_named():
    # '{}' or '{0}' would need positional values, which t() never passes
    positional = [k for k, texts in STRINGS.items() for x in texts if fields(x) & {"", "0", "1"}]
    assert positional == []


def test_t_fills_in_named_fields_per_language():
    assert t("slide_number", "nl", n=3, of=12) == "dia 3 van 12"
    assert t("slide_number", "en", n=3, of=12) == "slide 3 of 12"
    assert t("page_map") == "Kaart"
    assert t("page_map", "xx") == "Kaart"  # an unknown language falls back to Dutch
    assert t("legend", "en", unused="ignored") == "Legend"


def test_a_missing_field_or_key_fails_loudly():
    with pytest.raises(MissingText, match="'slide_number' needs the value 'n'"):
        t("slide_number", "en")
    with pytest.raises(MissingText, match="no interface text 'no_such_key'"):
        t("no_such_key")


def _literal_calls() -> list[tuple[str, int, str, set[str] | None]]:
    """(file, line, key, keyword names or None when **values are spread) of every
    t("literal", ...) call in the code."""
    calls = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id != "t" or not node.args:
                continue
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names = {k.arg for k in node.keywords}
                spread = None in names
                rel = str(path.relative_to(ROOT))
                calls.append((rel, node.lineno, key.value, None if spread else names))
    return calls


def test_every_literal_key_exists_and_gets_its_fields():
    calls = _literal_calls()
    assert len(calls) > 100  # the scan finds the calls
    unknown = [(f, n, k) for f, n, k, _ in calls if k not in STRINGS]
    assert unknown == []
    missing = [
        (f, n, k, sorted(fields(STRINGS[k][0]) - names))
        for f, n, k, names in calls
        if names is not None and fields(STRINGS[k][0]) - names
    ]
    assert missing == []


# A language decided in ad-hoc code: lang == "en", "en" if …, [1 if lang …], if en: …
LANGUAGE_BRANCH = re.compile(
    r"""[=!]=\s*["'](?:en|nl)["']"""
    r"""|["'](?:en|nl)["']\s*(?:[=!]=|if\b)"""
    r"""|\bif\s+(?:not\s+)?en\b"""
    r"""|\ben\s*=\s*lang\b"""
    r"""|\b\d\s+if\s+lang\b"""
)


def test_the_pattern_finds_language_branches():
    found = [
        'x if lang == "en" else y', "lang != 'nl'", '"en" if lang else "nl"', "if en:",
        "en = lang == 'en'", "[1 if lang == 'en' else 0]", "'en' == lang",
    ]  # fmt: skip
    assert [bool(LANGUAGE_BRANCH.search(s)) for s in found] == [True] * len(found)
    fine = ['t("page_map", lang)', 'ind.notes("en")', "language(lang)", "if entry:", "lengte"]
    assert [bool(LANGUAGE_BRANCH.search(s)) for s in fine] == [False] * len(fine)


def test_no_language_branches_outside_the_text_package():
    # Languages are decided in dashboard.text (i18n keys, number locales) and picked from the
    # data by vocabulary.localized, nowhere else: not in app/, app.py or the pages either.
    src = ROOT / "src" / "dashboard"
    skipped = (src / "text",)
    files = [*src.rglob("*.py"), ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted(files)
        if not any(path.is_relative_to(s) for s in skipped)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LANGUAGE_BRANCH.search(line)
    ]
    assert found == []
