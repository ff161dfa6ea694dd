"""Colour classes for choropleths: the pydeck map, its legend and static Altair images.

Stable breaks
    :func:`breaks` takes ALL values of an indicator over ALL its periods for the gemeenten of
    the scope (the caller pools them), so a colour means the same number in every year and a
    map of 2015 can be compared with one of 2023. The breaks are quantiles of the pooled
    values (``mapclassify.Quantiles``): each class holds about as many gemeente-years, so
    every colour is used, an outlier (a university town, a Wadden island) does not squeeze
    the others into one class, and the result is stable for the small samples of one
    province (Fisher-Jenks / natural breaks on 12 x 10 values mostly isolates the extremes
    and jumps when one value changes).

Rounding
    Quantiles are then rounded to a "nice" step of 1, 2, 2.5 or 5 x 10^n, the coarsest step
    of at most (range / 2k) that keeps the breaks distinct and inside the data; so a break
    moves by at most a quarter of an average class width. Steps finer than range/8k are not
    tried (arbitrary-looking breaks); if rounding makes two breaks equal they merge into one
    class. The step never needs more decimals than the catalogue shows. For the Drenthe
    gemeenten 2011-2023, median income (€ 21-38 thousand) gets 24, 26, 27, 31; distance to
    a primary school (0.6-1.5 km) gets 0.8, 0.9, 1.0, 1.2. With fewer distinct values than ``k``
    there are fewer classes (one class when all values are equal).

Stored breaks
    ``import mapclassify`` imports scipy and scikit-learn (0.7-1.9 s), which a server's first
    map waited for. So the compiled store (model/compiled.py) keeps the breaks of the maps a
    server draws most, computed here with mapclassify when the store is written, each under
    :func:`breaks_key`: a digest of everything that determines them (the finite values,
    sorted, as 64-bit floats; ``k``; ``decimals``); the code and library versions that compute
    them are in the compiled store's own key. :func:`breaks` takes such a table as ``known``
    and uses an entry only for exactly these inputs; any other values (an upload, another set
    of areas, a changed value) are computed, mapclassify then imported on first use.

Classes
    ``breaks`` are the k-1 inner boundaries b1 < b2 < ...; a value v belongs to class i when
    b_i <= v < b_(i+1) (:func:`classify`), matching legend labels '< 24,0', '24,0 – 26,0',
    '≥ 30,0'. A missing value (None, NaN) has no class: it is drawn in :data:`NO_DATA_COLOR`
    and labelled 'geen gegevens' / 'no data', always the last legend item.

Colours and direction
    All palettes are ColorBrewer 2.0 schemes (Cynthia A. Brewer, Mark Harrower and The
    Pennsylvania State University, colorbrewer2.org, Apache License 2.0), each marked
    colour-blind safe there; the hex values below were checked against the ColorBrewer copy
    bundled with deck.gl/Streamlit. "Good" is always the same hue:

    * direction +1 (higher is better): YlGnBu, light yellow (low) to dark blue (high);
    * direction -1 (higher is worse): the same palette reversed, so the best (lowest)
      values are dark blue as well;
    * direction 0 (neutral): Purples, a single hue that says "more", not "better"
      (Greys is avoided: it would clash with the grey no-data class).

    The diverging option (:func:`diverging_classes`) uses symmetric, rounded steps around a
    centre (Drenthe's or Nederland's value) with BrBG: blue-green on the "better than the
    centre" side (the same hue family as "good" above), brown on the worse side; a neutral
    indicator gets PuOr (orange below, purple above), which judges neither side.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from dashboard.model.catalog import Catalog, Indicator
from dashboard.text.i18n import t
from dashboard.text.numbers import format_number, format_range, unit_affixes
from dashboard.vocabulary import LANGUAGES, language

NO_DATA_COLOR = "#BDBDBD"
DEFAULT_CLASSES = 5  # k of a map's sequential classes
NO_DATA_LABELS = {lang: t("status_missing", lang) for lang in LANGUAGES}
MAX_CLASSES = 9

# ColorBrewer 2.0 (colorbrewer2.org), low -> high. Sequential, multi-hue: "good" end dark blue.
YLGNBU: dict[int, list[str]] = {
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
    7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    8: ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    9: [
        "#ffffd9",
        "#edf8b1",
        "#c7e9b4",
        "#7fcdbb",
        "#41b6c4",
        "#1d91c0",
        "#225ea8",
        "#253494",
        "#081d58",
    ],
}
# ColorBrewer 2.0, single hue, for neutral indicators.
PURPLES: dict[int, list[str]] = {
    3: ["#efedf5", "#bcbddc", "#756bb1"],
    4: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3"],
    5: ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"],
    6: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"],
    7: ["#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"],
    8: ["#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486"],
    9: [
        "#fcfbfd",
        "#efedf5",
        "#dadaeb",
        "#bcbddc",
        "#9e9ac8",
        "#807dba",
        "#6a51a3",
        "#54278f",
        "#3f007d",
    ],
}
# ColorBrewer 2.0 diverging, even class counts (the centre is a boundary). Brown -> blue-green.
BRBG: dict[int, list[str]] = {
    2: ["#d8b365", "#5ab4ac"],
    4: ["#a6611a", "#dfc27d", "#80cdc1", "#018571"],
    6: ["#8c510a", "#d8b365", "#f6e8c3", "#c7eae5", "#5ab4ac", "#01665e"],
    8: ["#8c510a", "#bf812d", "#dfc27d", "#f6e8c3", "#c7eae5", "#80cdc1", "#35978f", "#01665e"],
}
# ColorBrewer 2.0 diverging, non-judging hues: orange -> purple.
PUOR: dict[int, list[str]] = {
    2: ["#f1a340", "#998ec3"],
    4: ["#e66101", "#fdb863", "#b2abd2", "#5e3c99"],
    6: ["#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"],
    8: ["#b35806", "#e08214", "#fdb863", "#fee0b6", "#d8daeb", "#b2abd2", "#8073ac", "#542788"],
}

_NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


# --- breaks ---------------------------------------------------------------------------------


def _finite(values: Sequence[float | None]) -> np.ndarray:
    arr = np.array([np.nan if v is None else v for v in values], dtype=float)
    return arr[np.isfinite(arr)]


def _nice_steps(largest: float, smallest: Decimal, decimals: int | None = None) -> list[Decimal]:
    """Nice steps (1, 2, 2.5, 5 x 10^n) from the largest <= ``largest`` down to ``smallest``,
    coarsest first; with ``decimals``, only steps that need no more decimals than that."""
    if largest <= 0 or not math.isfinite(largest):
        return [smallest]
    exponent = math.floor(math.log10(largest)) + 1
    limit = Decimal(repr(float(largest)))
    steps = []
    while Decimal(5).scaleb(exponent) >= smallest:
        for mantissa in reversed(_NICE):
            step = mantissa.scaleb(exponent)
            fits = decimals is None or -step.normalize().as_tuple().exponent <= decimals
            if smallest <= step <= limit and fits:
                steps.append(step)
        exponent -= 1
    return steps or [smallest]


def _round_to(value: float, step: Decimal) -> float:
    return float((Decimal(repr(float(value))) / step).quantize(Decimal(1), ROUND_HALF_UP) * step)


def _decimals_of(number: float) -> int:
    """Decimals needed to write a (rounded) break exactly: 2.5 -> 1, 30.0 -> 0."""
    exponent = Decimal(repr(float(number))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def _raw_quantiles(y: np.ndarray, k: int) -> list[float]:
    import mapclassify

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # mapclassify warns about ties; we deduplicate below
        bins = mapclassify.Quantiles(y, k=k).bins
    return sorted({float(b) for b in bins[:-1]})


def breaks_key(values: Sequence[float | None], k: int, decimals: int | None) -> str:
    """The key of :func:`breaks`' result in a table of stored breaks: a SHA-256 of ``k``,
    ``decimals`` and the finite values (sorted: the breaks do not depend on their order)."""
    y = np.sort(_finite(values)).astype("<f8")
    head = f"breaks 1 k={k} decimals={decimals} n={len(y)}\n".encode()
    return hashlib.sha256(head + y.tobytes()).hexdigest()[:32]


def breaks(
    values: Sequence[float],
    k: int = DEFAULT_CLASSES,
    decimals: int | None = None,
    known: Mapping[str, Sequence[float]] | None = None,
) -> list[float]:
    """The k-1 inner class breaks of pooled values, rounded to nice numbers (see module doc).

    Missing values (None, NaN) are ignored. Fewer distinct values than ``k`` give fewer
    classes (all equal or no values: no breaks, one class). ``decimals`` (the catalogue's)
    caps how fine the rounding step may be: no break needs more decimals than are shown.
    ``known``: stored results by :func:`breaks_key` (see "Stored breaks" above); an entry
    for exactly these inputs is returned as it is, anything else is computed.
    """
    if not 1 <= k <= MAX_CLASSES:
        raise ValueError(f"k must be 1-{MAX_CLASSES}, got {k}")
    if known:
        stored = known.get(breaks_key(values, k, decimals))
        if stored is not None:
            return [float(b) for b in stored]
    y = _finite(values)
    if decimals is not None:
        quantum = Decimal(1).scaleb(-decimals)
        y = np.array([float(Decimal(repr(float(v))).quantize(quantum, ROUND_HALF_UP)) for v in y])
    distinct = np.unique(y)
    if len(distinct) < 2 or k == 1:
        return []
    lo, hi = float(distinct[0]), float(distinct[-1])
    smallest = Decimal(1).scaleb(-decimals) if decimals is not None else Decimal("1e-6")
    if len(distinct) <= k:
        return _between(distinct, smallest, decimals)
    raw = _raw_quantiles(y, k)
    # coarsest nice step of at most range/2k that keeps the breaks apart; a step finer than
    # range/8k is not worth it (the labels would look arbitrary): then merge classes instead
    floor = max(smallest, Decimal(repr((hi - lo) / (8 * k))))
    best: list[float] = []
    for step in _nice_steps((hi - lo) / (2 * k), floor, decimals):
        rounded = sorted({_round_to(b, step) for b in raw})
        inside = [b for b in rounded if lo < b <= hi]
        if len(inside) > len(best):
            best = inside
        if len(inside) == len(raw):
            break
    return best


def _between(distinct: np.ndarray, smallest: Decimal, decimals: int | None) -> list[float]:
    """One class per distinct value: the nicest break between each pair of neighbours, i.e.
    their midpoint rounded to the coarsest step that keeps it in (lower, upper]."""
    pairs = [(float(a), float(b)) for a, b in zip(distinct[:-1], distinct[1:], strict=True)]
    for step in _nice_steps(float(distinct[-1] - distinct[0]), smallest, decimals):
        rounded = [_round_to((a + b) / 2, step) for a, b in pairs]
        if all(a < r <= b for r, (a, b) in zip(rounded, pairs, strict=True)):
            return rounded
    return [b for _, b in pairs]


# --- classes --------------------------------------------------------------------------------


def classify(value: float | None, breaks: Sequence[float]) -> int | None:
    """Class index of a value (0 = lowest class), or None (the no-data class) when missing."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return bisect.bisect_right(list(breaks), number)


def _palette(table: Mapping[int, list[str]], n: int) -> list[str]:
    if n in table:
        return list(table[n])
    if n == 1:
        middle = table[3] if 3 in table else table[2]
        return [middle[len(middle) // 2]]
    if n == 2:
        return [table[3][0], table[3][-1]]
    raise ValueError(f"no palette for {n} classes")


def sequential_palette(n: int, direction: int) -> list[str]:
    """n colours for classes low -> high: YlGnBu (reversed for direction -1), Purples for 0."""
    if direction == 0:
        return _palette(PURPLES, n)
    colors = _palette(YLGNBU, n)
    return colors if direction > 0 else colors[::-1]


def diverging_palette(n: int, direction: int) -> list[str]:
    """n (even) colours low -> high: BrBG with blue-green on the better side, PuOr for 0."""
    if direction == 0:
        return _palette(PUOR, n)
    colors = _palette(BRBG, n)
    return colors if direction > 0 else colors[::-1]


def hex_to_rgba(color: str, alpha: int = 255) -> list[int]:
    """'#BDBDBD' -> [189, 189, 189, 255] (pydeck's colour format); '#abc' is accepted too."""
    digits = color.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"not a hex colour: {color!r}")
    try:
        rgb = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        raise ValueError(f"not a hex colour: {color!r}") from None
    return [*rgb, int(alpha)]


@dataclass(frozen=True)
class Classes:
    """Classes of a choropleth: inner ``breaks``, one colour and one label per class (low ->
    high; labels per language), and the no-data class."""

    breaks: tuple[float, ...]
    colors: tuple[str, ...]
    labels: Mapping[str, tuple[str, ...]]
    no_data_color: str = NO_DATA_COLOR
    no_data_labels: Mapping[str, str] = field(default_factory=lambda: dict(NO_DATA_LABELS))
    centre: float | None = None

    def __len__(self) -> int:
        return len(self.colors)

    def index(self, value: float | None) -> int | None:
        """Class of a value; None (no data) when missing or when there are no classes."""
        return classify(value, self.breaks) if self.colors else None

    def color(self, value: float | None) -> str:
        """Hex colour of a value; the no-data grey when it is missing."""
        i = self.index(value)
        return self.no_data_color if i is None else self.colors[i]

    def rgba(self, value: float | None, alpha: int = 255) -> list[int]:
        return hex_to_rgba(self.color(value), alpha)

    def label(self, value: float | None, lang: str = "nl") -> str:
        i = self.index(value)
        lang = language(lang)
        return self.no_data_labels[lang] if i is None else self.labels[lang][i]


def class_labels(
    inner: Sequence[float],
    decimals: int,
    unit: str = "",
    symbol: str = "",
    lang: str = "nl",
) -> list[str]:
    """'< 30,0%', '30,0 – 32,5%', '≥ 35,0%' for breaks [30, 32.5, 35]; one label for none.

    Breaks are written with the catalogue's decimals, or more when a break needs them."""
    digits = max([decimals, *(_decimals_of(b) for b in inner)])
    if not inner:
        return []
    prefix, suffix = unit_affixes(unit, lang, symbol)
    num = lambda v: format_number(v, digits, lang)  # noqa: E731
    labels = [f"< {prefix}{num(inner[0])}{suffix}"]
    labels += [
        format_range(a, b, unit, digits, lang, symbol)
        for a, b in zip(inner[:-1], inner[1:], strict=True)
    ]
    labels.append(f"≥ {prefix}{num(inner[-1])}{suffix}")
    return labels


def _one_class_label(values: np.ndarray, decimals: int, unit: str, symbol: str, lang: str) -> str:
    lo, hi = float(values.min()), float(values.max())
    if format_number(lo, decimals, lang) == format_number(hi, decimals, lang):
        prefix, suffix = unit_affixes(unit, lang, symbol)
        return f"{prefix}{format_number(lo, decimals, lang)}{suffix}"
    return format_range(lo, hi, unit, decimals, lang, symbol)


def _build(
    inner: list[float],
    colors: list[str],
    values: np.ndarray,
    decimals: int,
    unit: str,
    symbols: Mapping[str, str] | None,
    centre: float | None = None,
) -> Classes:
    labels = {}
    for lang in LANGUAGES:
        symbol = (symbols or {}).get(lang, "")
        labels[lang] = tuple(
            class_labels(inner, decimals, unit, symbol, lang)
            if inner
            else [_one_class_label(values, decimals, unit, symbol, lang)]
        )
    return Classes(breaks=tuple(inner), colors=tuple(colors), labels=labels, centre=centre)


def sequential_classes(
    values: Sequence[float],
    direction: int = 1,
    k: int = DEFAULT_CLASSES,
    *,
    decimals: int = 1,
    unit: str = "",
    symbols: Mapping[str, str] | None = None,
    known: Mapping[str, Sequence[float]] | None = None,
) -> Classes:
    """Classes from pooled values (see :func:`breaks`, also for ``known``) with the
    direction-aware sequential palette. ``unit`` and ``symbols`` ({'nl': ..., 'en': ...}, the
    vocabulary's symbol_*) only shape the labels."""
    y = _finite(values)
    if len(y) == 0:  # nothing to classify: only the no-data class
        return Classes(breaks=(), colors=(), labels={lang: () for lang in LANGUAGES})
    inner = breaks(values, k, decimals, known)
    colors = sequential_palette(len(inner) + 1, direction)
    return _build(inner, colors, y, decimals, unit, symbols)


def diverging_classes(
    values: Sequence[float],
    centre: float,
    direction: int,
    k: int = 6,
    *,
    decimals: int = 1,
    unit: str = "",
    symbols: Mapping[str, str] | None = None,
) -> Classes:
    """k (even: 2, 4, 6 or 8) classes in equal, rounded steps around ``centre``, which is the
    middle break: half of the classes below it, half at or above it.

    The step is a nice number (1, 2, 2.5, 5 x 10^n) close to the distance from the centre
    within which 90% of the values lie, divided by k/2; the outer classes are open-ended, so
    an outlier does not stretch the others into the middle classes. The breaks are
    centre + j x step, with the centre rounded to ``decimals`` as it is shown.
    """
    if k not in BRBG:
        raise ValueError(f"k must be one of {sorted(BRBG)} for diverging classes, got {k}")
    if centre is None or not math.isfinite(centre):
        raise ValueError("a diverging classification needs a centre value")
    y = _finite(values)
    half = k // 2
    # 90% of the values fit in the k classes; outliers fall in the open-ended outer classes
    spread = float(np.quantile(np.abs(y - centre), 0.9)) if len(y) else 0.0
    step = _nearest_nice(spread / half, Decimal(1).scaleb(-decimals))
    quantum = Decimal(1).scaleb(-decimals)
    base = Decimal(repr(float(centre))).quantize(quantum, ROUND_HALF_UP)  # the centre as shown
    inner = [float(base + step * j) for j in range(-(half - 1), half)]
    colors = diverging_palette(k, direction)
    labels_decimals = max(decimals, _decimals_of(float(step)))
    return _build(inner, colors, y, labels_decimals, unit, symbols, centre=float(centre))


def _nearest_nice(target: float, smallest: Decimal) -> Decimal:
    """The nice step nearest to ``target`` on a log scale, at least ``smallest``."""
    if target <= float(smallest):
        return smallest
    exponent = math.floor(math.log10(target))
    candidates = [m.scaleb(e) for e in (exponent - 1, exponent, exponent + 1) for m in _NICE]
    places = -smallest.normalize().as_tuple().exponent
    candidates = [
        c for c in candidates if c >= smallest and -c.normalize().as_tuple().exponent <= places
    ]
    return min(candidates, key=lambda c: abs(math.log(float(c) / target)))


def indicator_classes(
    values: Sequence[float],
    indicator: Indicator,
    catalog: Catalog,
    k: int = DEFAULT_CLASSES,
    centre: float | None = None,
    known: Mapping[str, Sequence[float]] | None = None,
) -> Classes:
    """Classes for a catalogue indicator: sequential (from ``known`` breaks when they hold
    these inputs: :func:`breaks`), or diverging around ``centre`` (then ``k`` is rounded up
    to an even number)."""
    symbols = {
        lang: catalog.unit_symbol(indicator.unit, lang) if indicator.unit in catalog.units else ""
        for lang in LANGUAGES
    }
    options = {"decimals": indicator.decimals, "unit": indicator.unit, "symbols": symbols}
    if centre is None:
        return sequential_classes(values, indicator.direction, k, **options, known=known)
    even = min(max(2, k + k % 2), max(BRBG))
    return diverging_classes(values, centre, indicator.direction, even, **options)


def legend_items(classes: Classes, lang: str = "nl", no_data: bool = True) -> list[tuple[str, str]]:
    """(hex colour, label) per class, low -> high, then the no-data item last (if wanted)."""
    lang = language(lang)
    items = list(zip(classes.colors, classes.labels[lang], strict=True))
    if no_data:
        items.append((classes.no_data_color, classes.no_data_labels[lang]))
    return items


# --- change maps ------------------------------------------------------------------------------

# A change map (views.changeview) colours each area by its change between two periods. Areas
# whose change is within the combined margin of the two values are not coloured as a change
# but drawn in this pale neutral with an outline (maps.outline_layer, the legend's swatch);
# a change that is zero as shown is drawn in the same neutral, labelled "geen verandering".
NOT_SIGNIFICANT_COLOR = "#FFFFFF"
NO_CHANGE_COLOR = "#F5F5F5"  # the neutral middle of ColorBrewer's BrBG 5


def change_classes(
    changes: Sequence[float],
    indicator: Indicator,
    catalog: Catalog,
    relative: bool = False,
    k: int = 6,
) -> Classes:
    """Diverging classes of changes around 0 (:func:`diverging_classes` with centre 0, so
    the breaks are symmetric, rounded multiples of one step: ..., −s, 0, s, ...), with the
    direction-aware palette: a favourable change (a fall of a "higher is worse" indicator)
    is always blue-green. ``relative`` changes are percentages (one decimal); absolute
    changes of a percentage are labelled without a unit (the legend title says
    "procentpunt"), others with the indicator's unit."""
    if relative:
        decimals, unit, symbols = 1, "percent", None
    else:
        decimals = indicator.decimals
        unit = "" if indicator.unit == "percent" else indicator.unit
        symbols = {
            lang: catalog.unit_symbol(indicator.unit, lang)
            if unit and indicator.unit in catalog.units
            else ""
            for lang in LANGUAGES
        }
    labels = {lang: t("change_no_data", lang) for lang in LANGUAGES}
    if not len(_finite(changes)):
        return Classes(breaks=(), colors=(), labels={lang: () for lang in LANGUAGES},
                       no_data_labels=labels)  # fmt: skip
    classes = diverging_classes(
        changes, 0.0, indicator.direction, k, decimals=decimals, unit=unit, symbols=symbols
    )
    return Classes(
        breaks=classes.breaks,
        colors=classes.colors,
        labels=classes.labels,
        no_data_labels=labels,
        centre=0.0,
    )
