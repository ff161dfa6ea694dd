"""Interface strings in Dutch (default) and English: every text the dashboard writes itself.

``STRINGS`` maps a key to its texts in the order of :data:`dashboard.vocabulary.LANGUAGES`
(Dutch, English). A text may hold str.format-style named fields (``{name}``) that
:func:`t` fills in. Keys are grouped by the module that uses them. Labels that come from the
data files (catalogue, vocabulary, region sets) stay there and are picked by
:func:`dashboard.vocabulary.localized`.
"""

from __future__ import annotations

from dashboard.vocabulary import LANGUAGES, language

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
    "gemeenten_placeholder": ("Kies gemeenten", "Choose municipalities"),
    "language_nl": ("Nederlands", "Nederlands"),  # each language named in itself
    "language_en": ("English", "English"),
    "ranking_no_data": ("Geen gegevens", "No data"),
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
    # --- periods and observation statuses (numbers.period_label, sentences.status_text) ---
    "period_half_1": ("1e halfjaar {year}", "first half of {year}"),
    "period_half_2": ("2e halfjaar {year}", "second half of {year}"),
    "status_computed": ("berekend", "computed"),
    "status_approximate": ("benadering", "approximate"),
    "status_period_unstated": ("jaar niet vermeld in de bron", "year not stated in the source"),
    "status_provisional": ("voorlopig", "provisional"),
    # --- sources and region sets (sentences.citation, model/regions.py) ---
    "citation_cbs": ("CBS, tabel {tables}", "CBS, table {tables}"),
    "region_set_corop": ("COROP-regio's", "COROP regions"),
    "region_set_provincie": ("Provincies", "Provinces"),
    # --- URL notices (state.Notice.reason; shown by app/ui.show_notices) ---
    "notice_unknown_indicator": (
        "Onbekende indicator {value}; de standaardindicator wordt getoond.",
        "Unknown indicator {value}; showing the default indicator.",
    ),
    "notice_unknown_period": (
        "Periode {value} bestaat niet voor deze indicator; de meest recente periode wordt getoond.",
        "Period {value} does not exist for this indicator; showing the latest period.",
    ),
    "notice_unknown_gemeente": (
        "Onbekende gemeentecode {value} is genegeerd.",
        "Unknown municipality code {value} was ignored.",
    ),
    "notice_too_many_gemeenten": (
        "Er kunnen hoogstens 12 gemeenten tegelijk worden geselecteerd; de rest is genegeerd.",
        "At most 12 municipalities can be selected at once; the rest were ignored.",
    ),
    "notice_unknown_value": (
        "Onbekende waarde {value} voor '{param}'; de standaardwaarde wordt gebruikt.",
        "Unknown value {value} for '{param}'; using the default.",
    ),
    # --- sentences (text/sentences.py) ---
    "word_better": ("beter", "better"),
    "word_worse": ("slechter", "worse"),
    "word_equal": ("gelijk", "equal"),
    "word_higher": ("hoger", "higher"),
    "word_lower": ("lager", "lower"),
    "word_and": ("en", "and"),
    "in_period": ("in {period}", "in {period}"),
    "in_half_year": ("in het {period}", "in the {period}"),
    "n_gemeenten": ("{n} gemeenten", "{n} municipalities"),
    "no_data_for": ("Van {names} zijn geen gegevens.", "No data for {names}."),
    "compare_only_nederland": (
        "Nederland: {nederland}; voor Drenthe als geheel is geen waarde bekend",
        "The Netherlands: {nederland}; no value for Drenthe as a whole",
    ),
    "compare_only_drenthe": (
        "Drenthe als geheel: {drenthe} (geen waarde voor Nederland)",
        "Drenthe as a whole: {drenthe} (no value for the Netherlands)",
    ),
    "compare_same": (
        "Drenthe en Nederland hebben dezelfde waarde ({drenthe})",
        "Drenthe and the Netherlands have the same value ({drenthe})",
    ),
    "compare_neutral": (
        "Drenthe ligt {word} dan Nederland ({drenthe} tegen {nederland})",
        "Drenthe is {word} than the Netherlands ({drenthe} versus {nederland})",
    ),
    "compare_judged": (
        "Drenthe scoort {word} dan Nederland ({drenthe} tegen {nederland})",
        "Drenthe scores {word} than the Netherlands ({drenthe} versus {nederland})",
    ),
    "summary_no_gemeenten": (
        "{head}: geen gegevens per gemeente.",
        "{head}: no data by municipality.",
    ),
    "summary_one": (
        "{head}: alleen van {place} is een waarde bekend ({value}).",
        "{head}: only {place} has a value ({value}).",
    ),
    "summary_all_same": (
        "{head}: alle {n} gemeenten hebben dezelfde waarde ({value}).",
        "{head}: all {n} municipalities have the same value ({value}).",
    ),
    "summary_extremes": (
        "{head}: het hoogst in {top} ({high}), het laagst in {bottom} ({low}).",
        "{head}: highest in {top} ({high}), lowest in {bottom} ({low}).",
    ),
    "source_line": (
        "Bron: {source} · Licentie: {licence} · Periode: {period}",
        "Source: {source} · Licence: {licence} · Period: {period}",
    ),
    # --- the Regio's summary (views/compare.py) ---
    "regions_reference_equal": (
        "Drenthe ligt gelijk aan Nederland ({drenthe})",
        "Drenthe equals the Netherlands ({drenthe})",
    ),
    "regions_only": ("alleen {name} ({value})", "only {name} ({value})"),
    "regions_all_same": ("alle regio's {value}", "all regions {value}"),
    "regions_best_in": ("het best in {names} ({value})", "best in {names} ({value})"),
    "regions_worst_in": ("het slechtst in {names} ({value})", "worst in {names} ({value})"),
    "regions_highest_in": ("het hoogst in {names} ({value})", "highest in {names} ({value})"),
    "regions_lowest_in": ("het laagst in {names} ({value})", "lowest in {names} ({value})"),
    # --- the Trends summary (views/trends.py) ---
    "trend_value_in": ("{value} in {period}", "{value} in {period}"),
    "trend_series_change": (
        "{name} {word} van {first} naar {last}",
        "{name} {word} from {first} to {last}",
    ),
    "trend_count_first": (
        "in {n} van de {total} gekozen gebieden {word}",
        "in {n} of the {total} chosen areas {word}",
    ),
    "trend_count": ("in {n} {word}", "in {n} {word}"),
    "trend_only_measured": (
        "{label}: alleen gemeten in {periods}; {values}.",
        "{label}: only measured in {periods}; {values}.",
    ),
    "trend_no_trend": (
        "{label}: gemeten in {periods}; die metingen zijn niet met elkaar te vergelijken, dus "
        "er is geen trend. In {last}: {values}.",
        "{label}: measured in {periods}; these measurements are not comparable, so there is no "
        "trend. In {last}: {values}.",
    ),
    "trend_no_data": (
        "{label}: geen gegevens voor de gekozen gebieden.",
        "{label}: no data for the chosen areas.",
    ),
    "trend_span": ("{label} van {first} tot {last}", "{label} from {first} to {last}"),
    # --- the map's table and tooltips (views/mapview.py) ---
    "map_rank_text": ("Plaats {rank} van {n} ({note})", "Rank {rank} of {n} ({note})"),
    # --- story problems (views/stories.py: Problem.reason, the type of a wrong value) ---
    "story_problem_at_slide": ("dia {n}", "slide {n}"),
    "story_problem_unreadable": (
        "kan het bestand niet lezen ({detail})",
        "cannot read the file ({detail})",
    ),
    "story_problem_file_too_big": (
        "het bestand is te groot ({value} bytes; hoogstens {detail})",
        "the file is too big ({value} bytes; at most {detail})",
    ),
    "story_problem_invalid_toml": ("geen geldige TOML: {detail}", "not valid TOML: {detail}"),
    "story_problem_empty": ("het bestand is leeg", "the file is empty"),
    "story_problem_missing": ("ontbreekt", "is missing"),
    "story_problem_not_text": (
        "moet tekst tussen aanhalingstekens zijn, niet {type}",
        "must be text in quotes, not {type}",
    ),
    "story_problem_not_list": (
        'moet een lijst met tekst zijn, zoals ["GM0106"], niet {type}',
        'must be a list of text, like ["GM0106"], not {type}',
    ),
    "story_problem_not_table": ("moet een tabel zijn, niet {type}", "must be a table, not {type}"),
    "story_problem_not_slides": (
        "moet een lijst van dia's zijn ([[slide]]), niet {type}",
        "must be a list of slides ([[slide]]), not {type}",
    ),
    "story_problem_unknown_key": (
        "onbekend veld; toegestaan: {detail}",
        "unknown field; allowed: {detail}",
    ),
    "story_problem_unknown_indicator": (
        "onbekende indicator '{value}'",
        "unknown indicator '{value}'",
    ),
    "story_problem_unknown_period": (
        "periode '{value}' bestaat niet voor deze indicator; beschikbaar: {detail}",
        "period '{value}' does not exist for this indicator; available: {detail}",
    ),
    "story_problem_unknown_gemeente": (
        "onbekende gemeentecode '{value}'",
        "unknown municipality code '{value}'",
    ),
    "story_problem_duplicate_gemeente": (
        "gemeentecode '{value}' staat er meer dan eens in",
        "municipality code '{value}' is listed more than once",
    ),
    "story_problem_too_many_gemeenten": (
        "{value} gemeenten; hoogstens {detail}",
        "{value} municipalities; at most {detail}",
    ),
    "story_problem_unknown_value": (
        "onbekende waarde '{value}'; toegestaan: {detail}",
        "unknown value '{value}'; allowed: {detail}",
    ),
    "story_problem_empty_text": ("mag niet leeg zijn", "must not be empty"),
    "story_problem_control_chars": (
        "mag geen regeleinden, tabs of stuurtekens bevatten",
        "must not contain line breaks, tabs or control characters",
    ),
    "story_problem_removed_chars": (
        "stuurtekens zijn verwijderd",
        "control characters were removed",
    ),
    "story_problem_too_long": (
        "te lang: {value} tekens, hoogstens {detail}",
        "too long: {value} characters, at most {detail}",
    ),
    "story_problem_truncated": (
        "te lang ({value} tekens); ingekort tot {detail}",
        "too long ({value} characters); shortened to {detail}",
    ),
    "story_problem_no_slides": ("het verhaal heeft geen dia's", "the story has no slides"),
    "story_problem_too_many_slides": (
        "{value} dia's; hoogstens {detail}",
        "{value} slides; at most {detail}",
    ),
    "story_problem_slide_dropped": ("deze dia is overgeslagen", "this slide was skipped"),
    "story_problem_param_empty": ("de link bevat geen verhaal", "the link contains no story"),
    "story_problem_param_too_long": (
        "de link is te lang ({value} tekens; hoogstens {detail})",
        "the link is too long ({value} characters; at most {detail})",
    ),
    "story_problem_param_not_base64": (
        "de link is beschadigd (geen geldige codering)",
        "the link is damaged (not a valid encoding)",
    ),
    "story_problem_param_corrupt": (
        "de link is beschadigd of afgekapt (uitpakken mislukt)",
        "the link is damaged or cut off (cannot unpack it)",
    ),
    "story_problem_param_too_big": (
        "het verhaal in de link is te groot (meer dan {detail} bytes uitgepakt)",
        "the story in the link is too big (more than {detail} bytes unpacked)",
    ),
    "story_problem_param_not_json": (
        "de link is beschadigd (geen geldige inhoud)",
        "the link is damaged (no valid content)",
    ),
    "story_problem_param_version": (
        "onbekende versie van het linkformaat: '{value}'",
        "unknown version of the link format: '{value}'",
    ),
    "story_problem_more_problems": ("en nog {value} problemen", "and {value} more problems"),
    "story_type_int": ("een getal", "a number"),
    "story_type_float": ("een getal", "a number"),
    "story_type_bool": ("waar/onwaar", "true/false"),
    "story_type_str": ("tekst", "text"),
    "story_type_list": ("een lijst", "a list"),
    "story_type_dict": ("een tabel", "a table"),
    "story_type_NoneType": ("leeg (null)", "empty (null)"),
    "story_type_datetime": ("een datum", "a date"),
    "story_type_date": ("een datum", "a date"),
    "story_type_time": ("een tijd", "a time"),
    # --- the profile's overview chart (render/charts.py) ---
    "profile_overview_better": ("beter dan Drenthe", "better than Drenthe"),
    "profile_overview_worse": ("slechter dan Drenthe", "worse than Drenthe"),
    "profile_overview_equal": ("gelijk aan Drenthe", "same as Drenthe"),
    "profile_overview_none": (
        "geen oordeel (hoger/lager is niet beter)",
        "no judgement (neutral indicator)",
    ),
    # --- Regio's and Trends pages (compare.py, trends.py) ---
    "page_regions": ("Regio's", "Regions"),
    "page_trends": ("Trends", "Trends"),
    "region_set": ("Regio-indeling", "Region set"),
    "name_nederland": ("Nederland", "Netherlands"),
    "status_missing": ("geen gegevens", "no data"),
    "best": ("beste", "best"),
    "worst": ("slechtste", "worst"),
    "highest": ("hoogste", "highest"),
    "lowest": ("laagste", "lowest"),
    "col_indicator": ("Indicator", "Indicator"),
    "col_extremes": ("Regio's vergeleken", "Regions compared"),
    "computed_marker": ("* berekend uit de gemeenten", "* computed from the municipalities"),
    "agg_official": (
        "Waar de bron zelf een cijfer voor de regio publiceert (CBS voor COROP-regio's en "
        "provincies, Tabel 1 van de Sociale Agenda), staat dat cijfer er ongewijzigd.",
        "Where the source publishes a figure for the region itself (CBS for COROP regions and "
        "provinces, Table 1 of the Sociale Agenda), that figure is shown unchanged.",
    ),
    "agg_mean_population": (
        "Anders: gemiddelde van de gemeenten, gewogen naar het aantal inwoners op 1 januari 2025.",
        "Otherwise: the mean of the municipalities, weighted by their residents on 1 January 2025.",
    ),
    "agg_mean_households": (
        "Anders: gemiddelde van de gemeenten, gewogen naar het aantal particuliere "
        "huishoudens in {period}.",
        "Otherwise: the mean of the municipalities, weighted by their private households "
        "in {period}.",
    ),
    "agg_sum": (
        "Anders: de som van de gemeenten.",
        "Otherwise: the sum of the municipalities.",
    ),
    "agg_ratio": (
        "Anders: de tellers van de gemeenten opgeteld en gedeeld door hun opgetelde noemers.",
        "Otherwise: the municipalities' numerators added up and divided by their added-up "
        "denominators.",
    ),
    "agg_computed": (
        "Een berekende waarde (*) is er alleen als alle gemeenten van de regio een waarde hebben.",
        "A computed value (*) exists only when every municipality of the region has a value.",
    ),
    "agg_none": (
        "Regiowaarden worden niet berekend: alleen cijfers die de bron zelf publiceert.",
        "Region values are not computed: only figures the source publishes itself.",
    ),
    "no_region_values": ("geen regiowaarden", "no region values"),
    "rose": ("gestegen", "rose"),
    "fell": ("gedaald", "fell"),
    "unchanged": ("gelijk gebleven", "unchanged"),
    "not_comparable": ("niet vergelijkbaar", "not comparable"),
    "single_period": ("één periode", "one period"),
    "index_base": (
        "Index: {period} = 100 (de eerste periode waarin alle reeksen een waarde hebben).",
        "Index: {period} = 100 (the first period in which every series has a value).",
    ),
    "index_no_common_period": (
        "Geen index mogelijk: er is geen periode waarin alle getoonde reeksen een waarde hebben.",
        "No index possible: there is no period in which every series shown has a value.",
    ),
    "index_base_not_positive": (
        "Geen index mogelijk: in {period} is een waarde 0 of negatief.",
        "No index possible: a value in {period} is zero or negative.",
    ),
    "col_series": ("Gebied", "Area"),
    "col_first": ("Eerste periode", "First period"),
    "col_last": ("Laatste periode", "Last period"),
    "col_change": ("Verandering", "Change"),
    "col_change_pct": ("Relatieve verandering", "Relative change"),
    "col_verdict": ("Oordeel", "Assessment"),
    # --- Gemeenteprofiel (profile.py) ---
    "profile_missing": ("Geen waarde voor deze gemeente", "No value for this municipality"),
    "profile_region_only": (
        "Alleen voor regio's of heel Drenthe gepubliceerd",
        "Published for regions or Drenthe as a whole only",
    ),
    "profile_rank_text": ("{rank} van {n} ({note})", "{rank} of {n} ({note})"),
    "profile_percentile_better": (
        "beter dan {p}% van de gemeenten in Nederland",
        "better than {p}% of municipalities in the Netherlands",
    ),
    "profile_percentile_higher": (
        "hoger dan {p}% van de gemeenten in Nederland",
        "higher than {p}% of municipalities in the Netherlands",
    ),
    "profile_trend_better": ("beter", "better"),
    "profile_trend_worse": ("slechter", "worse"),
    "profile_trend_equal": ("gelijk", "equal"),
    "profile_trend_higher": ("hoger", "higher"),
    "profile_trend_lower": ("lager", "lower"),
    "profile_trend_not_comparable": (
        "niet vergelijkbaar met de vorige periode",
        "not comparable with the previous period",
    ),
    "profile_col_theme": ("Thema", "Theme"),
    "profile_col_indicator": ("Indicator", "Indicator"),
    "profile_col_period": ("Periode", "Period"),
    "profile_col_value": ("Waarde", "Value"),
    "profile_col_drenthe": ("Drenthe", "Drenthe"),
    "profile_col_vs_drenthe": ("Ten opzichte van Drenthe", "Compared with Drenthe"),
    "profile_col_nederland": ("Nederland", "The Netherlands"),
    "profile_col_vs_nederland": ("Ten opzichte van Nederland", "Compared with the Netherlands"),
    "profile_col_rank": ("Plaats in het kaartgebied", "Rank in the map area"),
    "profile_col_percentile": ("Positie in Nederland", "Position in the Netherlands"),
    "profile_col_trend": ("Sinds vorige periode", "Since previous period"),
    "profile_col_note": ("Opmerking", "Note"),
    "profile_summary_no_comparison": (
        "Voor {name} zijn geen cijfers die zich met Drenthe laten vergelijken.",
        "There are no figures for {name} that can be compared with Drenthe.",
    ),
    "profile_summary_counts": (
        "Van de {n} indicatoren waarbij hoger of lager duidelijk beter is, scoort {name} er "
        "{better} beter dan Drenthe, {worse} slechter en {equal} gelijk.",
        "Of the {n} indicators where higher or lower is clearly better, {name} scores better "
        "than Drenthe on {better}, worse on {worse} and equal on {equal}.",
    ),
    "profile_summary_extremes": (
        "Relatief het sterkst is {name} op {strong} ({strong_n} van {strong_of} beter dan "
        "Drenthe), het zwakst op {weak} ({weak_n} van {weak_of} slechter).",
        "Relatively, {name} is strongest on {strong} ({strong_n} of {strong_of} better than "
        "Drenthe) and weakest on {weak} ({weak_n} of {weak_of} worse).",
    ),
    "profile_summary_surveys": (
        "Let op: {n} van deze cijfers komen uit enquêtes (steekproeven); kleine verschillen "
        "zijn daarbij mogelijk niet significant.",
        "Note: {n} of these figures come from surveys (samples); small differences between "
        "them may not be significant.",
    ),
    "profile_summary_in_margin": (
        "Bij {n} daarvan ligt de waarde van Drenthe binnen de 95%-foutmarge van {name}.",
        "For {n} of them Drenthe's value lies within the 95% margin of {name}.",
    ),
    "profile_summary_caution": (
        "Let op: kleine verschillen zijn niet altijd betekenisvol; cijfers uit enquêtes "
        "hebben een foutmarge.",
        "Note: small differences are not always meaningful; survey figures have a margin of error.",
    ),
    # --- downloads (export.py) ---
    "export_title": ("Titel", "Title"),
    "export_source": ("Bron", "Source"),
    "export_licence": ("Licentie", "Licence"),
    "export_date": ("Geëxporteerd op", "Exported on"),
    "export_view": ("Weergave", "View"),
    "export_sheet_data": ("data", "data"),
    "export_sheet_source": ("bron", "source"),
    # --- Over de data: the catalogue (export.catalog_table) ---
    "catalog_id": ("Id", "Id"),
    "catalog_label": ("Indicator", "Indicator"),
    "catalog_definition": ("Definitie", "Definition"),
    "catalog_theme": ("Thema", "Theme"),
    "catalog_perspective": ("Perspectief", "Perspective"),
    "catalog_unit": ("Eenheid", "Unit"),
    "catalog_direction": ("Richting", "Direction"),
    "catalog_source": ("Bron", "Source"),
    "catalog_link": ("Link naar de bron", "Link to the source"),
    "catalog_licence": ("Licentie", "Licence"),
    "catalog_level": ("Niveau", "Level"),
    "catalog_periods": ("Perioden", "Periods"),
    "catalog_latest": ("Laatste periode", "Latest period"),
    "catalog_coverage": (
        "Dekking gemeenten (laatste periode)",
        "Municipal coverage (latest period)",
    ),
    "catalog_notes": ("Toelichting", "Notes"),
    "catalog_direction_up": ("hoger is beter", "higher is better"),
    "catalog_direction_down": ("lager is beter", "lower is better"),
    "catalog_direction_neutral": (
        "neutraal (hoger is niet vanzelf beter)",
        "neutral (higher is not better in itself)",
    ),
    "catalog_level_gemeente": ("gemeenten", "municipalities"),
    "catalog_level_gemeente_drenthe": (
        "gemeenten (alleen Drenthe)",
        "municipalities (Drenthe only)",
    ),
    "catalog_level_corop": ("COROP-regio's", "COROP regions"),
    "catalog_level_provincie": ("Drenthe (provincie)", "Drenthe (province)"),
    "catalog_level_nederland": ("Nederland", "The Netherlands"),
    "catalog_coverage_text": (
        "{n} van {of} gemeenten ({pct}%)",
        "{n} of {of} municipalities ({pct}%)",
    ),
    # --- pages: Gemeenteprofiel and Over de data ---
    "page_profile": ("Gemeenteprofiel", "Municipality profile"),
    "page_about": ("Over de data", "About the data"),
    "gemeente": ("Gemeente", "Municipality"),
    "profile_overview": ("Het hele beeld", "The whole picture"),
    "profile_overview_help": (
        "Elk vakje is een indicator, per thema: + beter dan Drenthe, − slechter, = gelijk, "
        "· geen oordeel (hoger of lager is daar niet beter of slechter). Klik op een vakje "
        "om die indicator op de kaart te bekijken.",
        "Each cell is an indicator, by theme: + better than Drenthe, − worse, = the same, "
        "· no judgement (higher or lower is neither better nor worse there). Click a cell "
        "to see that indicator on the map.",
    ),
    "profile_open_map": ("{label} op de kaart", "{label} on the map"),
    "profile_all": ("Alle indicatoren", "All indicators"),
    "profile_png_help": (
        "Een uitdraai van één pagina voor workshops, met bronnen en datum:",
        "A one-page handout for workshops, with sources and date:",
    ),
    "profile_handout": ("Profiel als {fmt}", "Profile as {fmt}"),
    "profile_similar": ("Vergelijkbare gemeenten", "Similar municipalities"),
    "profile_similar_help": (
        "De vijf gemeenten in Nederland die qua inwonertal en stedelijkheid het meest op "
        "{name} lijken: {names}. Hun gewone gemiddelde (elke gemeente telt één keer) in "
        "dezelfde periode.",
        "The five municipalities in the Netherlands most like {name} in population and "
        "urbanisation: {names}. Their plain mean (each counts once) in the same period.",
    ),
    "profile_col_similar": ("Vergelijkbare gemeenten", "Similar municipalities"),
    "profile_col_vs_similar": ("Ten opzichte van vergelijkbare", "Compared with similar"),
    "profile_sources": (
        "Bron: CBS (CC BY 4.0) en Sociale Agenda Drenthe, jaarverslag 2024; per indicator in "
        "de downloads en op Over de data. Verschillen bij enquêtecijfers zijn niet altijd "
        "significant.",
        "Source: CBS (CC BY 4.0) and Sociale Agenda Drenthe, annual report 2024; per "
        "indicator in the downloads and on About the data. Differences in survey figures are "
        "not always significant.",
    ),
    "about_intro": (
        "Dit dashboard toont cijfers over brede welvaart in Drenthe uit twee bronnen: tabellen "
        "van het CBS (StatLine, open data onder CC BY 4.0) en de cijfers van het jaarverslag "
        "2024 van de Sociale Agenda Drenthe, elk gecontroleerd tegen de tekst van het verslag. "
        "Ontbrekende cijfers blijven ontbrekend; ze worden nooit als 0 getoond.",
        "This dashboard shows figures on broad welfare in Drenthe from two sources: CBS "
        "tables (StatLine, open data under CC BY 4.0) and the figures of the Sociale Agenda "
        "Drenthe annual report 2024, each checked against the report's text. Missing figures "
        "stay missing; they are never shown as 0.",
    ),
    "about_catalog": ("Alle indicatoren", "All indicators"),
    "about_search": ("Zoek in de indicatoren", "Search the indicators"),
    "about_found": ("{n} van de {of} indicatoren", "{n} of {of} indicators"),
    "about_download": ("Gegevens downloaden", "Download data"),
    "about_indicators": ("Indicatoren", "Indicators"),
    "about_regions": (
        "De {n} geselecteerde gemeenten, Drenthe en Nederland, alle perioden.",
        "The {n} selected municipalities, Drenthe and the Netherlands, all periods.",
    ),
    "about_regions_scope": (
        "De gemeenten van het kaartgebied {scope}, Drenthe en Nederland, alle perioden. Kies "
        "gemeenten in de zijbalk om alleen die te downloaden.",
        "The municipalities of the map area {scope}, Drenthe and the Netherlands, all "
        "periods. Choose municipalities in the sidebar to download only those.",
    ),
    "about_method": (
        "**Hoe de cijfers gemaakt zijn.** Regiowaarden zijn de eigen cijfers van de bron waar "
        "die bestaan (CBS-regio's, Tabel 1). Anders worden ze berekend, alleen als alle "
        "gemeenten een waarde hebben: gewogen naar inwoners (1 januari 2025) of huishoudens, "
        "opgeteld voor aantallen, en voor aandelen de som van tellers gedeeld door de som van "
        "noemers; ze heten dan *berekend*. De kaartklassen zijn afgeronde kwantielgrenzen over "
        "alle perioden van een indicator, zodat een kleur elk jaar hetzelfde betekent.",
        "**How the figures are made.** Region values are the source's own where they exist "
        "(CBS regions, Tabel 1). Otherwise they are computed, only when every municipality "
        "has a value: weighted by population (1 January 2025) or households, summed for "
        "counts, and for shares the sum of numerators over the sum of denominators; they are "
        "then marked *computed*. Map classes are rounded quantile breaks over all periods of "
        "an indicator, so a colour means the same in every year.",
    ),
    # --- static site (site.py) ---
    "site_intro": (
        "Statische weergave van het Brede Welvaart Dashboard: per indicator een kaart, een "
        "rangorde, de ontwikkeling in de tijd en een tabel, met bron en licentie.",
        "Static view of the Broad Welfare Dashboard: per indicator a map, a ranking, the "
        "trend over time and a table, with source and licence.",
    ),
    "site_back": ("Alle indicatoren", "All indicators"),
    "site_level_gemeente": ("per gemeente", "by municipality"),
    "site_level_corop": ("per COROP-regio", "by COROP region"),
    "site_level_provincie": ("alleen Drenthe en Nederland", "Drenthe and the Netherlands only"),
    "site_province_only": (
        "Deze indicator is alleen voor Drenthe (en soms Nederland) beschikbaar; er is geen kaart.",
        "This indicator is available for Drenthe (and sometimes the Netherlands) only; "
        "there is no map.",
    ),
    "site_noscript": (
        "De grafieken hebben JavaScript nodig; de tabel toont dezelfde cijfers.",
        "The charts need JavaScript; the table shows the same figures.",
    ),
    "site_data_period": ("Gegevens over", "Data for"),
    "site_generated": ("Gemaakt op {date}", "Made on {date}"),
    "site_map_png": ("Kaart (PNG)", "Map (PNG)"),
    "site_map_svg": ("Kaart (SVG)", "Map (SVG)"),
    "site_data_csv": ("Tabel (CSV)", "Table (CSV)"),
    # --- pages: Regio's and Trends ---
    "theme": ("Thema", "Theme"),
    "all_themes": ("Alle thema's", "All themes"),
    "regions_table": ("Alle indicatoren per regio", "All indicators by region"),
    "regions_legend": (
        "✓ beste en ✗ slechtste regio (ook met kleur); ▲ hoogste en ▼ laagste waar hoger of "
        "lager niet beter is.",
        "✓ best and ✗ worst region (also in colour); ▲ highest and ▼ lowest where higher or "
        "lower is not better.",
    ),
    "regions_weighting": (
        "Hoe regiowaarden zijn berekend (per indicator)",
        "How region values are computed (per indicator)",
    ),
    "regions_no_data": (
        "Voor deze indicator zijn er geen cijfers voor deze regio's.",
        "There are no figures for these regions for this indicator.",
    ),
    "trend_regions": ("Regio's toevoegen", "Add regions"),
    "trend_regions_placeholder": ("Kies regio's", "Choose regions"),
    "trend_measure": ("Weergave", "Show"),
    "trend_absoluut": ("Waarden", "Values"),
    "trend_index": (
        "Index (eerste gezamenlijke periode = 100)",
        "Index (first common period = 100)",
    ),
    "trend_changes": ("Verandering", "Change"),
    "trend_small_multiples": ("Per gemeente", "By municipality"),
    "trend_choose": (
        "Kies gemeenten in de zijbalk (of regio's hierboven) om ze naast Drenthe en Nederland "
        "te zien.",
        "Choose municipalities in the sidebar (or regions above) to see them beside Drenthe and "
        "the Netherlands.",
    ),
    "trend_not_comparable": (
        "De perioden van deze indicator komen uit verschillende metingen en zijn niet "
        "vergelijkbaar; de punten zijn daarom niet verbonden.",
        "The periods of this indicator come from different surveys and are not comparable; "
        "the points are therefore not joined.",
    ),
    # --- Presenteren ---
    "page_present": ("Presenteren", "Present"),
    "story_add": ("Voeg deze weergave toe ({n})", "Add this view ({n})"),
    "story_add_help": (
        "Voegt de huidige weergave toe als dia van een eigen verhaal (zie Presenteren).",
        "Adds the current view as a slide of your own story (see Present).",
    ),
    "story_own": ("Eigen verhaal ({n} dia's)", "Own story ({n} slides)"),
    "story_choose": ("Verhaal", "Story"),
    "story_none": (
        "Er is nog geen verhaal. Voeg weergaven toe met de knop in de zijbalk.",
        "There is no story yet. Add views with the button in the sidebar.",
    ),
    "story_file_error": (
        "Een verhaal in data/stories kon niet worden gelezen: {error}",
        "A story in data/stories could not be read: {error}",
    ),
    "story_notes": ("Sprekersnotities", "Speaker notes"),
    "story_notes_link": (
        "Sprekersnotities (open in een ander tabblad)",
        "Speaker notes (open in another tab)",
    ),
    "story_share": ("Verhaal delen", "Share the story"),
    "slide_first": ("Eerste", "First"),
    "slide_previous": ("Vorige", "Previous"),
    "slide_next": ("Volgende", "Next"),
    "slide_last": ("Laatste", "Last"),
    "slide_number": ("dia {n} van {of}", "slide {n} of {of}"),
    "slide_layout_on": ("Presentatieweergave (F)", "Presentation layout (F)"),
    "slide_layout_off": ("Gewone weergave (F)", "Normal layout (F)"),
    "slide_qr_toggle": ("QR-code tonen", "Show QR code"),
    "slide_qr": ("Open deze weergave op je telefoon", "Open this view on your phone"),
    # --- Embedding and sharing ---
    "embed_open": ("Bekijk in het dashboard", "Open in the dashboard"),
    "share_title": ("Delen en insluiten", "Share and embed"),
    "share_mode": ("Soort link", "Kind of link"),
    "share_live": ("live (volgt nieuwe cijfers)", "live (follows new figures)"),
    "share_vast": ("vast (deze periode)", "fixed (this period)"),
    "share_link": ("Link naar deze weergave", "Link to this view"),
    "share_size": ("Formaat", "Size"),
    "share_embed": ("Insluitcode voor een website", "Embed code for a website"),
    "share_frozen_caption": (
        "Cijfers over {period}, vastgezet op {date}.",
        "Figures for {period}, fixed on {date}.",
    ),
    "image_download": ("Afbeelding", "Image"),
    # --- accessibility (WCAG 2.1 AA, docs/accessibility.md) ---
    "a11y_chart_ranking": (
        "Rangorde van {n} gebieden naar {unit}",
        "Ranking of {n} areas by {unit}",
    ),
    "a11y_chart_trend": ("Verloop in de tijd ({unit}): {names}", "Over time ({unit}): {names}"),
    "a11y_chart_regions": (
        "Gemeenten per regio ({unit}): {regions}",
        "Gemeenten per region ({unit}): {regions}",
    ),
    "a11y_chart_small_multiples": (
        "Eén kleine grafiek per gemeente ({unit}), met Drenthe als stippellijn",
        "One small chart per gemeente ({unit}), with Drenthe as a dashed line",
    ),
    "a11y_chart_profile": (
        "Overzicht van {n} indicatoren per thema, vergeleken met Drenthe",
        "Overview of {n} indicators by theme, compared with Drenthe",
    ),
    "a11y_chart_region_map": ("Kaart van {n} regio's", "Map of {n} regions"),
    "a11y_regions_map": ("kaart van de regio's", "map of the regions"),
    "a11y_skip_table": (
        "Naar de tabel met dezelfde cijfers",
        "Skip to the table with the same figures",
    ),
    "a11y_map_keyboard": (
        "Met het toetsenbord kiest u gemeenten in het keuzemenu Gemeenten in de zijbalk; "
        "de tabel onder de kaart heeft dezelfde cijfers.",
        "With the keyboard, choose gemeenten in the Gemeenten menu in the sidebar; "
        "the table below the map has the same figures.",
    ),
    "a11y_select_all": ("Alles selecteren", "Select all"),
    "a11y_fullscreen": ("Volledig scherm", "Fullscreen"),
    "a11y_close_fullscreen": ("Volledig scherm sluiten", "Close fullscreen"),
    "a11y_help_for": ("Uitleg bij", "Help for"),
    "a11y_download": ("Downloaden", "Download"),
    "a11y_search": ("Zoeken", "Search"),
    "a11y_clear_all": ("Alles wissen", "Clear all"),
    "a11y_download_png": ("Downloaden als PNG", "Download as PNG"),
    "a11y_download_csv": ("Downloaden als CSV", "Download as CSV"),
    "a11y_show_data": ("Toon de gegevens", "Show data"),
    "a11y_copy_spec": ("Kopieer de Vega-Lite-specificatie", "Copy Vega-Lite spec"),
    "a11y_columns": ("Kolommen tonen of verbergen", "Show/hide columns"),
    "a11y_heading_link": ("Link naar deze kop", "Link to heading"),
    "a11y_skip_main": ("Naar de inhoud", "Skip to main content"),
}


class MissingText(KeyError):
    """An unknown key, or a text whose named field was not given: a bug, never shown as
    '{value}'."""


def t(key: str, lang: str = "nl", **values: object) -> str:
    """The text of ``key`` in ``lang`` (Dutch for an unknown language) with its named fields
    filled in from ``values``; values a text does not use are ignored."""
    try:
        texts = STRINGS[key]
    except KeyError:
        raise MissingText(f"no interface text {key!r}") from None
    try:
        return texts[LANGUAGES.index(language(lang))].format(**values)
    except KeyError as exc:
        raise MissingText(f"interface text {key!r} needs the value {exc.args[0]!r}") from None
