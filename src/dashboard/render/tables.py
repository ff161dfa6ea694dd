"""Styled tables (pure): the Regio's comparison's colours for the best and worst region."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

BEST_COLOR, WORST_COLOR = "#d1e5f0", "#f6e0c0"  # light blue / light brown, text stays dark
BEST_MARK, WORST_MARK = "✓", "✗"  # regionsview.py starts a best / worst region's cell with these

# One comparison table per page; a fixed id keeps its CSS, and so the message sent for it,
# the same on every run (pandas picks a random one per Styler).
COMPARISON_UUID = "bwcomparison"


def cell_colour(cell: object) -> str:
    """The CSS of a comparison cell: blue for the best region, brown for the worst."""
    text_ = str(cell)
    if text_.startswith(BEST_MARK):
        return f"background-color: {BEST_COLOR}"
    if text_.startswith(WORST_MARK):
        return f"background-color: {WORST_COLOR}"
    return ""


def comparison_styler(shown: pd.DataFrame) -> Styler:
    """The comparison table as shown: each best and worst cell coloured."""
    return shown.style.set_uuid(COMPARISON_UUID).map(cell_colour)
