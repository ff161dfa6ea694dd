"""Interface strings in Dutch (default) and English. Data labels live in the catalogue."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("Brede welvaart Drenthe", "Broad welfare Drenthe"),
    "page_map": ("Kaart", "Map"),
    "indicator": ("Indicator", "Indicator"),
    "indicator_help": (
        "Typ om te zoeken. Indicatoren zijn gegroepeerd per thema van brede welvaart.",
        "Type to search. Indicators are grouped by theme of broad welfare.",
    ),
    "period": ("Periode", "Period"),
    "scope": ("Kaartgebied", "Map area"),
    "scope_drenthe": ("Drenthe", "Drenthe"),
    "scope_noord-nederland": ("Drenthe en Groningen", "Drenthe and Groningen"),
    "scope_nederland": ("Nederland", "The Netherlands"),
    "gemeenten": ("Gemeenten", "Municipalities"),
    "gemeenten_help": (
        "Geselecteerde gemeenten worden gemarkeerd; klik ook op de kaart.",
        "Selected municipalities are highlighted; you can also click the map.",
    ),
    "colouring": ("Kleuren", "Colours"),
    "colour_klassen": ("Klassen (vast over alle jaren)", "Classes (fixed across years)"),
    "colour_periode": (
        "Klassen van deze periode (niet vergelijkbaar over jaren)",
        "Classes of this period (not comparable across years)",
    ),
    "colour_drenthe": ("Afwijking van Drenthe", "Difference from Drenthe"),
    "colour_nederland": ("Afwijking van Nederland", "Difference from the Netherlands"),
    "language": ("Taal", "Language"),
    "data_error": (
        "Het dashboard kan de gegevens niet laden.",
        "The dashboard cannot load its data.",
    ),
    "legend": ("Legenda", "Legend"),
    "ranking": ("Rangorde", "Ranking"),
    "table": ("Tabel", "Table"),
    "col_gemeente": ("Gemeente", "Municipality"),
    "col_region": ("Regio", "Region"),
    "col_value": ("Waarde", "Value"),
    "col_rank": ("Plaats", "Rank"),
    "col_diff_drenthe": ("Verschil met Drenthe", "Difference from Drenthe"),
    "col_diff_nederland": ("Verschil met Nederland", "Difference from the Netherlands"),
    "col_status": ("Opmerking", "Note"),
    "region_only": (
        "Deze indicator is alleen voor regio's gepubliceerd; de kaart toont de COROP-regio's.",
        "This indicator is published for regions only; the map shows the COROP regions.",
    ),
    "no_centre": (
        "Er is geen waarde voor {name} in deze periode; de kaart gebruikt vaste klassen.",
        "There is no value for {name} in this period; the map uses fixed classes.",
    ),
    "one_class": (
        "In {period} vallen alle gebieden in dezelfde klasse van de vaste indeling over alle "
        "jaren. Kies bij Kleuren 'Klassen van deze periode' om de verschillen te zien.",
        "In {period} all areas fall into the same class of the fixed classes across all years. "
        "Choose 'Classes of this period' under Colours to see the differences.",
    ),
    "rank_best": ("1 = beste", "1 = best"),
    "rank_highest": ("1 = hoogste", "1 = highest"),
    "definition": ("Definitie", "Definition"),
    "notes": ("Toelichting", "Notes"),
}


def t(key: str, lang: str = "nl", **values: str) -> str:
    nl, en = STRINGS[key]
    text = en if lang == "en" else nl
    return text.format(**values) if values else text
