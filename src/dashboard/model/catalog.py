"""The indicator catalogue: what each indicator means, how to show it and where it comes from.

The catalogue is data, not code: ``data/vocabulary.toml`` holds the themes, perspectives and
units; every ``data/catalog/*.toml`` file holds ``[[indicator]]`` entries. Adding an indicator
is an entry there plus its observations. Fields of an entry:

``id``                  stable identifier, lower_snake_case (used in URLs: ``?indicator=...``)
``label_nl/_en``        short label; ``definition_nl/_en``: one or two sentences
``theme``, ``perspective``, ``unit``   keys of data/vocabulary.toml
``decimals``            decimals shown
``direction``           +1 higher is better, -1 higher is worse, 0 neutral
``aggregation``         how a region value is computed where the source publishes none:
                        ``mean_population`` (population-weighted mean, 2025 inwoners),
                        ``mean_households`` (weighted by private households, 86004NED 2023),
                        ``sum`` (counts), ``ratio`` (a computed share: sum of numerators over
                        sum of denominators), ``none`` (never computed)
``comparable``          true when values of different periods may be joined into one trend line
``change_periods``      optional, only where ``comparable`` is false: the periods a change map
                        may still pair (views.changeview), because they share a method while
                        other periods do not (the Gezondheidsmonitor's 2020 and 2022 rounds:
                        both 18 and over, the same questions; 2016 asked those of 19 and over).
                        At least two, each at most once. The trend lines stay unjoined.
``licence``, ``notes_nl/_en``
``[[indicator.source]]`` one or more; ``kind`` is ``cbs`` (a StatLine table: ``table``,
                        ``measure``; optional ``denominator`` [+ ``denominator_table``] and
                        ``factor`` for a computed share; ``period`` for tables without a period
                        column; ``period_type = "year"`` to keep only whole years) or ``tidy``
                        (the project's own CSV in data/: ``file``, ``reference`` such as
                        "Tabel 1").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard.config import project_data
from dashboard.model.errors import DataError
from dashboard.vocabulary import localized

DIRECTIONS = (-1, 0, 1)
AGGREGATIONS = ("mean_population", "mean_households", "sum", "ratio", "none")
SOURCE_KINDS = ("cbs", "tidy")

_INDICATOR_FIELDS = {
    "id": str,
    "label_nl": str,
    "label_en": str,
    "definition_nl": str,
    "definition_en": str,
    "theme": str,
    "perspective": str,
    "unit": str,
    "decimals": int,
    "direction": int,
    "aggregation": str,
    "comparable": bool,
    "licence": str,
}
_OPTIONAL_FIELDS = {"notes_nl": str, "notes_en": str, "change_periods": list}
_SOURCE_FIELDS = {
    "kind": str,
    "name": str,
    "table": str,
    "measure": str,
    "denominator": str,
    "denominator_table": str,
    "factor": (int, float),
    "period": str,
    "period_type": str,
    "file": str,
    "reference": str,
    "url": str,
}


@dataclass(frozen=True)
class Source:
    kind: str
    name: str
    table: str | None = None
    measure: str | None = None
    denominator: str | None = None
    denominator_table: str | None = None
    factor: float = 1.0
    period: str | None = None
    period_type: str | None = None
    file: str | None = None
    reference: str | None = None
    url: str | None = None

    @property
    def tables(self) -> tuple[str, ...]:
        """The StatLine tables of a cbs source: its table, then a separate denominator table."""
        if self.kind != "cbs" or not self.table:
            return ()
        extra = self.denominator_table
        return (self.table, extra) if extra and extra != self.table else (self.table,)


@dataclass(frozen=True)
class Indicator:
    id: str
    label_nl: str
    label_en: str
    definition_nl: str
    definition_en: str
    theme: str
    perspective: str
    unit: str
    decimals: int
    direction: int
    aggregation: str
    comparable: bool
    licence: str
    sources: tuple[Source, ...]
    notes_nl: str = ""
    notes_en: str = ""
    change_periods: tuple[str, ...] = ()  # see the module docstring

    def label(self, lang: str = "nl") -> str:
        return localized(self, "label", lang)

    def definition(self, lang: str = "nl") -> str:
        return localized(self, "definition", lang)

    def notes(self, lang: str = "nl") -> str:
        return localized(self, "notes", lang)


@dataclass(frozen=True)
class Catalog:
    indicators: dict[str, Indicator]
    themes: dict[str, dict[str, Any]]
    perspectives: dict[str, dict[str, Any]]
    units: dict[str, dict[str, Any]]
    files: tuple[Path, ...] = field(default=())

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators.values())

    def __len__(self) -> int:
        return len(self.indicators)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self.indicators

    def get(self, indicator_id: str) -> Indicator:
        try:
            return self.indicators[indicator_id]
        except KeyError:
            raise KeyError(f"Unknown indicator {indicator_id!r}") from None

    def theme_label(self, theme: str, lang: str = "nl") -> str:
        return localized(self.themes[theme], "label", lang)

    def perspective_label(self, perspective: str, lang: str = "nl") -> str:
        return localized(self.perspectives[perspective], "label", lang)

    def unit_label(self, unit: str, lang: str = "nl") -> str:
        return localized(self.units[unit], "label", lang)

    def unit_symbol(self, unit: str, lang: str = "nl") -> str:
        return localized(self.units[unit], "symbol", lang)

    def defined_at(self, indicator_id: str) -> str:
        """Where an indicator is defined: 'cbs.toml, line 12' (the line of its id)."""
        pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(indicator_id)}[\"']", re.M)
        for path in self.files:
            found = pattern.search(path.read_text(encoding="utf-8"))
            if found:
                line = path.read_text(encoding="utf-8")[: found.start()].count("\n") + 1
                return f"{path}, line {line}"
        return f"indicator {indicator_id}"

    def by_theme(self) -> dict[str, list[Indicator]]:
        """Indicators grouped by theme, themes in their display order, catalogue order within."""
        order = sorted(self.themes, key=lambda t: self.themes[t]["order"])
        groups: dict[str, list[Indicator]] = {t: [] for t in order}
        for ind in self:
            groups[ind.theme].append(ind)
        return {t: inds for t, inds in groups.items() if inds}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML ({exc}).") from exc


def _check_fields(entry: dict[str, Any], spec: dict[str, Any], required: bool, where: str) -> None:
    for name, typ in spec.items():
        if name not in entry:
            if required:
                raise DataError(f"{where}: missing field {name!r}.")
            continue
        value = entry[name]
        ok = isinstance(value, typ) and not (typ is int and isinstance(value, bool))
        if not ok:
            kind = typ.__name__ if isinstance(typ, type) else "number"
            raise DataError(f"{where}: field {name!r} must be a {kind}, got {value!r}.")
        if isinstance(value, str) and not value.strip() and required:
            raise DataError(f"{where}: field {name!r} is empty.")


def _parse_source(raw: Any, where: str) -> Source:
    if not isinstance(raw, dict):
        raise DataError(f"{where}: each [[indicator.source]] must be a table.")
    unknown = set(raw) - set(_SOURCE_FIELDS)
    if unknown:
        raise DataError(f"{where}: unknown source field(s) {', '.join(sorted(unknown))}.")
    _check_fields(raw, {"kind": str, "name": str}, True, where)
    _check_fields(raw, _SOURCE_FIELDS, False, where)
    kind = raw["kind"]
    if kind not in SOURCE_KINDS:
        raise DataError(f"{where}: source kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}.")
    needed = ("table", "measure") if kind == "cbs" else ("file", "reference")
    for name in needed:
        if not raw.get(name):
            raise DataError(f"{where}: a {kind} source needs {name!r}.")
    if raw.get("denominator_table") and not raw.get("denominator"):
        raise DataError(f"{where}: denominator_table is set but denominator is not.")
    if raw.get("period_type") not in (None, "year"):
        raise DataError(f"{where}: period_type can only be 'year'.")
    return Source(**{**raw, "factor": float(raw.get("factor", 1.0))})


def _parse_indicator(raw: Any, vocab: dict[str, Any], where: str) -> Indicator:
    if not isinstance(raw, dict):
        raise DataError(f"{where}: each [[indicator]] must be a table.")
    where = f"{where}, indicator {raw.get('id', '?')!r}"
    unknown = set(raw) - set(_INDICATOR_FIELDS) - set(_OPTIONAL_FIELDS) - {"source"}
    if unknown:
        raise DataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    _check_fields(raw, _INDICATOR_FIELDS, True, where)
    _check_fields(raw, _OPTIONAL_FIELDS, False, where)
    ident = raw["id"]
    if not ident.replace("_", "").isalnum() or ident != ident.lower() or not ident.isascii():
        raise DataError(f"{where}: id must be lower_snake_case ASCII.")
    for key, vocab_key in (("theme", "theme"), ("perspective", "perspective"), ("unit", "unit")):
        if raw[key] not in vocab[vocab_key]:
            known = ", ".join(vocab[vocab_key])
            raise DataError(f"{where}: {key} {raw[key]!r} is not one of: {known}.")
    if raw["direction"] not in DIRECTIONS:
        raise DataError(f"{where}: direction must be -1, 0 or 1, got {raw['direction']}.")
    if raw["aggregation"] not in AGGREGATIONS:
        raise DataError(
            f"{where}: aggregation {raw['aggregation']!r} is not one of {', '.join(AGGREGATIONS)}."
        )
    if not 0 <= raw["decimals"] <= 4:
        raise DataError(f"{where}: decimals must be 0-4, got {raw['decimals']}.")
    sources_raw = raw.get("source")
    if not sources_raw or not isinstance(sources_raw, list):
        raise DataError(f"{where}: needs at least one [[indicator.source]].")
    sources = tuple(_parse_source(s, where) for s in sources_raw)
    fields = {k: v for k, v in raw.items() if k != "source"}
    if "change_periods" in raw:
        fields["change_periods"] = _change_periods(raw, where)
    return Indicator(**fields, sources=sources)


def _change_periods(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    periods = raw["change_periods"]
    if raw["comparable"]:
        raise DataError(
            f"{where}: change_periods is only for indicators whose periods are not comparable "
            "(comparable = false); a comparable indicator pairs all its periods."
        )
    if not all(isinstance(p, str) and p.strip() for p in periods):
        raise DataError(f"{where}: change_periods must be a list of periods (text).")
    if len(periods) < 2 or len(set(periods)) != len(periods):
        raise DataError(f"{where}: change_periods needs at least two different periods.")
    return tuple(periods)


_VOCABULARY_FIELDS = {
    "theme": {"label_nl": str, "label_en": str, "order": int},
    "perspective": {"label_nl": str, "label_en": str},
    "unit": {"label_nl": str, "label_en": str, "symbol_nl": str, "symbol_en": str},
}


def toml_line(path: Path, header: str, nth: int = 1) -> int | None:
    """The line of the ``nth`` table header ``header`` (``[theme.wonen]``, ``[[indicator]]``)."""
    pattern = re.compile(rf"^\s*{re.escape(header)}\s*(#.*)?$", re.M)
    text = path.read_text(encoding="utf-8")
    for n, found in enumerate(pattern.finditer(text), start=1):
        if n == nth:
            return text[: found.start()].count("\n") + 1
    return None


def _check_vocabulary(vocab: dict[str, Any], path: Path) -> None:
    """Every theme, perspective and unit has the fields the app shows (labels in both
    languages, a theme's order, a unit's symbols; a symbol may be empty)."""
    for section, spec in _VOCABULARY_FIELDS.items():
        orders: dict[int, str] = {}
        for key, entry in vocab[section].items():
            line = toml_line(path, f"[{section}.{key}]")
            where = (
                f"{path}, line {line}, [{section}.{key}]" if line else f"{path}, [{section}.{key}]"
            )
            if not isinstance(entry, dict):
                raise DataError(f"{where}: must be a table with {', '.join(spec)}.")
            for name, typ in spec.items():
                value = entry.get(name)
                if value is None:
                    raise DataError(f"{where}: missing {name}.")
                if not isinstance(value, typ) or isinstance(value, bool):
                    kind = "a whole number" if typ is int else "a string"
                    raise DataError(f"{where}: {name} must be {kind}, got {value!r}.")
                if typ is str and not value.strip() and not name.startswith("symbol"):
                    raise DataError(f"{where}: {name} is empty.")
            if "order" in spec:
                if entry["order"] in orders:
                    raise DataError(
                        f"{where}: order {entry['order']} is also the order of "
                        f"theme {orders[entry['order']]}."
                    )
                orders[entry["order"]] = key


def load_catalog(data_dir: Path | None = None) -> Catalog:
    """Read and validate the vocabulary and every catalogue file; raise DataError on a problem.
    ``data_dir``: the project's data folder (default :func:`config.project_data`)."""
    data_dir = data_dir or project_data()
    vocab_path = data_dir / "vocabulary.toml"
    vocab = _read_toml(vocab_path)
    for key in ("theme", "perspective", "unit"):
        if not isinstance(vocab.get(key), dict) or not vocab[key]:
            raise DataError(f"{vocab_path}: needs a non-empty [{key}.*] section.")
    _check_vocabulary(vocab, vocab_path)
    files = tuple(sorted((data_dir / "catalog").glob("*.toml")))
    if not files:
        raise DataError(f"{data_dir / 'catalog'}: no catalogue files (*.toml) found.")
    indicators: dict[str, Indicator] = {}
    for path in files:
        entries = _read_toml(path).get("indicator", [])
        if not isinstance(entries, list):
            raise DataError(f"{path}: 'indicator' must be an array of tables ([[indicator]]).")
        for n, raw in enumerate(entries, start=1):
            line = toml_line(path, "[[indicator]]", n)
            where = f"{path}, line {line} (entry {n})" if line else f"{path}, entry {n}"
            ind = _parse_indicator(raw, vocab, where)
            if ind.id in indicators:
                raise DataError(f"{where}: indicator id {ind.id!r} is defined twice.")
            indicators[ind.id] = ind
    return Catalog(
        indicators=indicators,
        themes=vocab["theme"],
        perspectives=vocab["perspective"],
        units=vocab["unit"],
        files=files,
    )
