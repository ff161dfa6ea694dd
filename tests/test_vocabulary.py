"""The closed lists: defined once in dashboard.vocabulary, a leaf module."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard import vocabulary
from dashboard.vocabulary import (
    COLOURINGS,
    DRENTHE_CODE,
    LANGUAGES,
    MAX_GEMEENTEN,
    NEDERLAND_CODE,
    REPORT_ORDER,
    SCOPE_PROVINCES,
    SCOPES,
    language,
    localized,
)

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "dashboard"
CODE = [
    p for p in [*SRC.rglob("*.py"), ROOT / "app.py", *ROOT.glob("app_pages/*.py")]
    if p != SRC / "vocabulary.py"
]  # fmt: skip
NAMES = {
    "LANGUAGES", "LANGS", "SCOPES", "SCOPE_PROVINCES", "COLOURINGS", "MAX_GEMEENTEN",
    "REPORT_ORDER", "DRENTHE_CODE", "NEDERLAND_CODE", "GRONINGEN_CODE",
}  # fmt: skip


def test_the_lists():
    assert LANGUAGES == ("nl", "en")
    assert SCOPES == ("drenthe", "noord-nederland", "nederland")
    assert SCOPE_PROVINCES == {
        "drenthe": ("PV22",),
        "noord-nederland": ("PV22", "PV20"),
        "nederland": None,
    }
    assert COLOURINGS == ("klassen", "periode", "drenthe", "nederland")
    assert (DRENTHE_CODE, NEDERLAND_CODE) == ("PV22", "NL01")
    assert REPORT_ORDER == ("CR07", "CR09", "CR08")  # Noord-, Zuidwest-, Zuidoost-Drenthe
    assert MAX_GEMEENTEN == 12


def test_language_falls_back_to_dutch():
    assert [language(x) for x in ("nl", "en", "EN", "de", "")] == ["nl", "en", "nl", "nl", "nl"]


@dataclass
class Named:
    name_nl: str
    name_en: str


def test_localized_picks_the_data_label_of_the_language():
    entry = {"label_nl": "Wonen", "label_en": "Housing", "order": 3}
    assert localized(entry, "label", "en") == "Housing"
    assert localized(entry, "label", "nl") == "Wonen"
    assert localized(Named("Zuidoost-Drenthe", "South-East Drenthe"), "name", "en") == (
        "South-East Drenthe"
    )
    assert localized(Named("Zuidoost-Drenthe", "x"), "name", "fr") == "Zuidoost-Drenthe"
    with pytest.raises(KeyError):
        localized({"label_nl": "Wonen"}, "label", "en")  # a data file without English fails


def test_vocabulary_is_a_leaf():
    tree = ast.parse((SRC / "vocabulary.py").read_text(encoding="utf-8"))
    imported = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"__future__", "collections", "typing"}
    assert vocabulary.__name__ == "dashboard.vocabulary"


def _module_assignments(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets.append(node.target.id)
    return targets


def test_each_list_is_defined_once():
    again = [
        f"{p.relative_to(ROOT)}: {name}" for p in CODE for name in _module_assignments(p)
        if name in NAMES
    ]  # fmt: skip
    assert again == []


def test_region_codes_and_lists_are_not_written_out_elsewhere():
    literal = {DRENTHE_CODE, NEDERLAND_CODE, "PV20"}
    lists = {LANGUAGES, SCOPES, COLOURINGS, REPORT_ORDER}
    found = []
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in literal:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
            elif isinstance(node, ast.Tuple | ast.List):
                values = tuple(e.value if isinstance(e, ast.Constant) else None for e in node.elts)
                if values in lists:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {values!r}")
    assert found == []
