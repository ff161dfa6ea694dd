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
    "story_problem_unknown_goal": ("onbekend doel '{value}'", "unknown goal '{value}'"),
    "story_problem_unknown_verhaal": ("onbekend verhaal '{value}'", "unknown story '{value}'"),
    "story_problem_not_for_page": (
        'hoort alleen bij page = "{detail}"',
        'belongs only to page = "{detail}"',
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
    # --- No data: explain and fetch (app/fetch.py) ---
    "fetch_title_missing": ("Gegevens ontbreken", "Data missing"),
    "fetch_intro": (
        "Het dashboard toont open data van het CBS: StatLine-tabellen en de grenzen van "
        "gemeenten, COROP-gebieden en provincies (CC BY 4.0, bron: CBS). Ze staan niet in "
        "deze installatie, of zijn niet te lezen:",
        "The dashboard shows open data of CBS (Statistics Netherlands): StatLine tables and "
        "the boundaries of municipalities, COROP regions and provinces (CC BY 4.0, source: "
        "CBS). They are not in this installation, or cannot be read:",
    ),
    "fetch_where": (
        "De tabellen horen in `{cbs}`, de grenzen in `{geo}`.",
        "The tables belong in `{cbs}`, the boundaries in `{geo}`.",
    ),
    "fetch_button": ("Gegevens ophalen bij CBS", "Fetch the data from CBS"),
    "fetch_button_help": (
        "{n} tabellen van opendata.cbs.nl en de grenzen van PDOK; ze worden gecontroleerd "
        "en pas daarna in gebruik genomen.",
        "{n} tables from opendata.cbs.nl and the boundaries from PDOK; they are checked "
        "before they are used.",
    ),
    "fetch_mirror_button": ("Overnemen uit {mirror}", "Copy from {mirror}"),
    "fetch_offline": (
        "Geen verbinding met {hosts}: ophalen bij CBS kan hier niet. Neem de gegevens over "
        "uit een kopie (een map met data/cbs/ en geo/): `python -m dashboard pull --from MAP`.",
        "No connection to {hosts}: fetching from CBS is not possible here. Copy the data from "
        "a mirror (a folder with data/cbs/ and geo/): `python -m dashboard pull --from DIR`.",
    ),
    "fetch_progress": ("Opgehaald: {done} van {total}", "Fetched: {done} of {total}"),
    "fetch_busy": ("bezig…", "in progress…"),
    "fetch_rows": ("{n} rijen", "{n} rows"),
    "fetch_megabytes": ("{n} MB", "{n} MB"),
    "fetch_failed": (
        "Ophalen is mislukt; de gegevens zijn niet veranderd.",
        "Fetching failed; the data is unchanged.",
    ),
    "fetch_done": (
        "De gegevens zijn opgehaald. Het dashboard wordt geladen…",
        "The data has been fetched. Loading the dashboard…",
    ),
    "fetch_settings": (
        "Het dashboard kan zijn instellingen niet lezen:",
        "The dashboard cannot read its settings:",
    ),
    # --- story files of the Sociale Agenda (model/verhalen.py): their problems ---
    "verhaal_problem_unreadable": (
        "kan het bestand niet lezen ({detail})",
        "cannot read the file ({detail})",
    ),
    "verhaal_problem_file_too_big": (
        "het bestand is te groot ({value} bytes; hoogstens {detail})",
        "the file is too big ({value} bytes; at most {detail})",
    ),
    "verhaal_problem_invalid_toml": (
        "geen geldige TOML: {detail}",
        "not valid TOML: {detail}",
    ),
    "verhaal_problem_no_stories": (
        "geen verhalen: verwacht [[verhaal]]-tabellen",
        "no stories: expected [[verhaal]] tables",
    ),
    "verhaal_problem_not_stories": (
        "moet een lijst van verhalen zijn ([[verhaal]])",
        "must be a list of stories ([[verhaal]])",
    ),
    "verhaal_problem_too_many": (
        "{value} verhalen; hoogstens {detail}",
        "{value} stories; at most {detail}",
    ),
    "verhaal_problem_unknown_section": (
        "onbekend onderdeel; alleen [[verhaal]] is toegestaan",
        "unknown section; only [[verhaal]] is allowed",
    ),
    "verhaal_problem_not_table": (
        "moet een tabel zijn",
        "must be a table",
    ),
    "verhaal_problem_unknown_key": (
        "onbekend veld; toegestaan: {detail}",
        "unknown field; allowed: {detail}",
    ),
    "verhaal_problem_missing": (
        "ontbreekt",
        "is missing",
    ),
    "verhaal_problem_not_text": (
        "moet tekst tussen aanhalingstekens zijn",
        "must be text in quotes",
    ),
    "verhaal_problem_not_number": (
        "moet een getal zijn, niet {value}",
        "must be a number, not {value}",
    ),
    "verhaal_problem_not_int": (
        "moet een geheel getal zijn, niet {value}",
        "must be a whole number, not {value}",
    ),
    "verhaal_problem_not_date": (
        "moet een datum zijn, zoals 2024-03-01 (zonder aanhalingstekens)",
        "must be a date, like 2024-03-01 (without quotes)",
    ),
    "verhaal_problem_not_list": (
        'moet een lijst met tekst zijn, zoals ["armoede"]',
        'must be a list of text, like ["armoede"]',
    ),
    "verhaal_problem_empty_text": (
        "mag niet leeg zijn",
        "must not be empty",
    ),
    "verhaal_problem_control_chars": (
        "mag geen regeleinden, tabs of stuurtekens bevatten",
        "must not contain line breaks, tabs or control characters",
    ),
    "verhaal_problem_too_long": (
        "te lang: {value} tekens, hoogstens {detail}",
        "too long: {value} characters, at most {detail}",
    ),
    "verhaal_problem_bad_id": (
        "'{value}' is geen geldige id: kleine letters, cijfers, '-' of '_', hoogstens 60 tekens",
        "'{value}' is not a valid id: lower-case letters, digits, '-' or '_', at most 60",
    ),
    "verhaal_problem_duplicate_id": (
        "id '{value}' bestaat al (in {detail})",
        "id '{value}' already exists (in {detail})",
    ),
    "verhaal_problem_unknown_gemeente": (
        "'{value}' is geen code van een Drentse gemeente; bekend: {detail}",
        "'{value}' is not the code of a Drenthe gemeente; known: {detail}",
    ),
    "verhaal_problem_unknown_goal": (
        "onbekend doel '{value}'; bekend: {detail}",
        "unknown goal '{value}'; known: {detail}",
    ),
    "verhaal_problem_duplicate_goal": (
        "doel '{value}' staat er twee keer in",
        "goal '{value}' is listed twice",
    ),
    "verhaal_problem_no_goals": (
        "noem minstens één doel",
        "name at least one goal",
    ),
    "verhaal_problem_too_many_goals": (
        "{value} doelen; hoogstens {detail}",
        "{value} goals; at most {detail}",
    ),
    "verhaal_problem_unknown_theme": (
        "onbekend thema '{value}'; bekend: {detail}",
        "unknown theme '{value}'; known: {detail}",
    ),
    "verhaal_problem_half_point": (
        "geef lat en lon allebei, of geen van beide",
        "give both lat and lon, or neither",
    ),
    "verhaal_problem_no_point": (
        "geen lat/lon en geen gemeentegrens om het midden van de gemeente te bepalen",
        "no lat/lon and no gemeente boundary to find the gemeente's centre",
    ),
    "verhaal_problem_bad_coordinate": (
        "{value} is geen geldige coördinaat ({detail})",
        "{value} is not a valid coordinate ({detail})",
    ),
    "verhaal_problem_outside_drenthe": (
        "het punt ({value}) ligt buiten Drenthe",
        "the point ({value}) lies outside Drenthe",
    ),
    "verhaal_problem_other_gemeente": (
        "het punt ({value}) ligt in {detail}, niet in de opgegeven gemeente",
        "the point ({value}) lies in {detail}, not in the gemeente given",
    ),
    "verhaal_problem_no_year": (
        "geef year of date",
        "give year or date",
    ),
    "verhaal_problem_year_range": (
        "jaar {value} valt buiten 1900-2100",
        "year {value} is outside 1900-2100",
    ),
    "verhaal_problem_year_date": (
        "year {value} past niet bij date {detail}",
        "year {value} does not match date {detail}",
    ),
    "verhaal_problem_bad_url": (
        "moet een https://-adres zijn zonder spaties",
        "must be an https:// address without spaces",
    ),
    "verhaal_problem_bad_line": (
        "moet 1 of meer zijn, niet {value}",
        "must be 1 or more, not {value}",
    ),
    "verhaal_problem_markup": (
        "bevat HTML of opmaak ({value}); het dashboard toont het als gewone tekst",
        "contains HTML or markup ({value}); the dashboard shows it as plain text",
    ),
    # --- Sociale Agenda: goals (tellen) and residents' stories (vertellen) ---
    "page_agenda": ("Sociale Agenda", "Social Agenda"),
    "agenda_intro": (
        "Tellen én vertellen: de doelen van de Sociale Agenda Drenthe 2024-2029 met de cijfers "
        "van de nulmeting uit het jaarverslag 2024, wat er sindsdien opnieuw gemeten is, en "
        "verhalen van inwoners en initiatieven op de kaart.",
        "Counting and telling: the goals of the Sociale Agenda Drenthe 2024-2029 with the "
        "baseline figures of the 2024 annual report, what has been measured again since, and "
        "stories of residents and initiatives on the map.",
    ),
    "agenda_pick": ("Doel", "Goal"),
    "agenda_pick_help": (
        "De doelen per thema, genummerd zoals in het jaarverslag (dat telt door over de "
        "hoofdstukken heen: Gezondheid begint weer bij 4).",
        "The goals by theme, numbered as in the annual report (which keeps counting across "
        "chapters: Health starts again at 4).",
    ),
    "agenda_goal_choice": ("{theme} · {number}. {short}", "{theme} · {number}. {short}"),
    "agenda_goal_heading": ("{theme}, doel {number}", "{theme}, goal {number}"),
    "agenda_goal_quote": (
        "Zo staat het doel in het jaarverslag (regel {line}): “{title}”",
        "The goal as the annual report states it (line {line}): “{title}”",
    ),
    "agenda_figures": ("Tellen: de cijfers", "Counting: the figures"),
    "agenda_figures_help": (
        "De nulmeting is het cijfer dat het jaarverslag 2024 geeft (of het CBS-cijfer waar het "
        "verslag dat aanhaalt). Een nieuwere meting wordt vergeleken in de richting die het doel "
        "wil; waar de bron een foutmarge geeft en de marges overlappen, heet de verandering "
        "binnen de foutmarge.",
        "The baseline is the figure the 2024 annual report gives (or the CBS figure where the "
        "report quotes it). A newer measurement is compared in the direction the goal wants; "
        "where the source gives a margin of error and the margins overlap, the change is within "
        "the margin of error.",
    ),
    "agenda_stories": ("Vertellen: verhalen bij dit doel", "Telling: stories for this goal"),
    "agenda_no_stories": (
        "Nog geen verhalen bij dit doel. Verhalen staan in data/verhalen; voeg er een toe.",
        "No stories for this goal yet. Stories live in data/verhalen; add one.",
    ),
    "agenda_map_caption": (
        "Kaart: {label}, {period}. De oranje stippen zijn verhalen; klik op een stip om het "
        "verhaal te lezen.",
        "Map: {label}, {period}. The orange dots are stories; click a dot to read the story.",
    ),
    "agenda_map_no_indicator": (
        "Voor dit doel zijn er geen cijfers per gemeente of regio; de kaart toont de verhalen "
        "(oranje stippen). Klik op een stip om het verhaal te lezen.",
        "This goal has no figures by municipality or region; the map shows its stories (orange "
        "dots). Click a dot to read the story.",
    ),
    "agenda_map_no_figures": ("geen cijfers per gemeente", "no figures by municipality"),
    "agenda_map_click": ("verhaal: klik om te lezen", "story: click to read"),
    "agenda_overview": ("Alle doelen", "All goals"),
    "agenda_overview_help": (
        "Per thema elk doel met de stand van zijn cijfers sinds de nulmeting.",
        "Every goal by theme with where its figures stand since the baseline.",
    ),
    "agenda_open_goal": ("Bekijk dit doel", "View this goal"),
    "agenda_this_goal": ("(dit doel)", "(this goal)"),
    "agenda_n_stories": ("{n} verhalen", "{n} stories"),
    "agenda_n_stories_one": ("1 verhaal", "1 story"),
    "agenda_unknown_goal": (
        "Onbekend doel {value}; het eerste doel wordt getoond.",
        "Unknown goal {value}; showing the first goal.",
    ),
    "agenda_unknown_story": (
        "Onbekend verhaal {value}; het is genegeerd.",
        "Unknown story {value}; it was ignored.",
    ),
    "agenda_story_not_in_goal": (
        "Verhaal {value} hoort niet bij dit doel; het is genegeerd.",
        "Story {value} does not belong to this goal; it was ignored.",
    ),
    "agenda_goals_error": (
        "De doelen van de Sociale Agenda konden niet worden gelezen.",
        "The goals of the Sociale Agenda could not be read.",
    ),
    "agenda_story_skipped": (
        "Een verhaal in data/verhalen is overgeslagen: {error}",
        "A story in data/verhalen was skipped: {error}",
    ),
    "agenda_story_warning": ("Let op in data/verhalen: {error}", "Note in data/verhalen: {error}"),
    "agenda_story_facts": (
        "{place} · gemeente {gemeente} · {when} · {theme}",
        "{place} · municipality {gemeente} · {when} · {theme}",
    ),
    "agenda_story_goals": ("Doelen: {goals}", "Goals: {goals}"),
    "agenda_story_source": ("Bron: {source}", "Source: {source}"),
    "agenda_story_source_line": (
        "Bron: {source}, regel {line} (samenvatting in eigen woorden)",
        "Source: {source}, line {line} (summary in our own words)",
    ),
    "agenda_story_link": ("Lees het interview", "Read the interview"),
    "agenda_story_chosen": ("Gekozen verhaal", "Chosen story"),
    "agenda_story_add": (
        "Voeg dit verhaal toe aan je presentatie",
        "Add this story to your slides",
    ),
    "agenda_story_open": ("Bekijk bij de Sociale Agenda", "View in the Social Agenda"),
    "agenda_download_title": ("Sociale Agenda, {short}", "Social Agenda, {short}"),
    "agenda_source": (
        "Bron: {sources} · Doel: Sociale Agenda Drenthe, jaarverslag 2024, regel {line}",
        "Source: {sources} · Goal: Sociale Agenda Drenthe, annual report 2024, line {line}",
    ),
    "agenda_source_line": ("{cite}, regel {line}", "{cite}, line {line}"),
    "agenda_source_quoted": (
        "{cite}; in het verslag {value} (regel {line})",
        "{cite}; in the report {value} (line {line})",
    ),
    "agenda_col_indicator": ("Indicator", "Indicator"),
    "agenda_col_area": ("Gebied", "Area"),
    "agenda_col_baseline": ("Nulmeting", "Baseline"),
    "agenda_col_baseline_period": ("Periode nulmeting", "Baseline period"),
    "agenda_col_latest": ("Nieuwste meting", "Latest"),
    "agenda_col_latest_period": ("Periode nieuwste", "Latest period"),
    "agenda_col_change": ("Verandering", "Change"),
    "agenda_col_verdict": ("Beoordeling", "Assessment"),
    "agenda_col_target": ("Voortgang naar doel", "Progress to target"),
    "agenda_col_source": ("Bron", "Source"),
    "agenda_col_note": ("Toelichting", "Note"),
    "agenda_status_better": ("beter", "better"),
    "agenda_status_worse": ("slechter", "worse"),
    "agenda_status_same": ("gelijk", "unchanged"),
    "agenda_status_within_margin": ("binnen de foutmarge", "within the margin of error"),
    "agenda_status_no_new": ("nog geen nieuwe meting", "no new measurement yet"),
    "agenda_not_comparable": ("perioden niet goed vergelijkbaar", "periods not fully comparable"),
    "agenda_year_unstated": ("jaar niet vermeld", "year not stated"),
    "agenda_sentence_none": (
        "{short}: nog geen nieuwe meting sinds de nulmeting ({n} cijfers)",
        "{short}: no new measurement since the baseline yet ({n} figures)",
    ),
    "agenda_sentence_none_one": (
        "{short}: nog geen nieuwe meting sinds de nulmeting (1 cijfer)",
        "{short}: no new measurement since the baseline yet (1 figure)",
    ),
    "agenda_sentence_all": (
        "{short}: alle {m} cijfers met een nieuwe meting zijn sinds de nulmeting gunstiger",
        "{short}: all {m} figures with a new measurement are better than at the baseline",
    ),
    "agenda_sentence_some": (
        "{short}: {k} van de {m} cijfers met een nieuwe meting zijn sinds de nulmeting gunstiger",
        "{short}: {k} of the {m} figures with a new measurement are better than at the baseline",
    ),
    "agenda_sentence_some_one": (
        "{short}: 1 van de {m} cijfers met een nieuwe meting is sinds de nulmeting gunstiger",
        "{short}: 1 of the {m} figures with a new measurement is better than at the baseline",
    ),
    "agenda_sentence_no_better": (
        "{short}: geen van de {m} cijfers met een nieuwe meting is sinds de nulmeting gunstiger",
        "{short}: none of the {m} figures with a new measurement is better than at the baseline",
    ),
    "agenda_sentence_worse": ("{n} ongunstiger", "{n} worse"),
    "agenda_sentence_same": ("{n} gelijk", "{n} unchanged"),
    "agenda_sentence_within_margin": ("{n} binnen de foutmarge", "{n} within the margin of error"),
    "agenda_sentence_waiting": (
        "{n} cijfers hebben nog geen nieuwe meting",
        "{n} figures have no new measurement yet",
    ),
    "agenda_sentence_waiting_one": (
        "1 cijfer heeft nog geen nieuwe meting",
        "1 figure has no new measurement yet",
    ),
    "agenda_sentence_highest": (
        "{label}: het hoogst in {places} ({value}, {when})",
        "{label}: highest in {places} ({value}, {when})",
    ),
    "agenda_sentence_lowest": (
        "{label}: het laagst in {places} ({value}, {when})",
        "{label}: lowest in {places} ({value}, {when})",
    ),
    "agenda_target": ("Doel voor {year}: {description}.", "Target for {year}: {description}."),
    "agenda_target_baseline": (
        "Nulmeting: {label} {value} ({period}).",
        "Baseline: {label} {value} ({period}).",
    ),
    "agenda_target_value": ("Streefwaarde: {value}.", "Target value: {value}."),
    "agenda_target_not_yet": (
        "Er is nog geen nieuwe meting om de voortgang aan af te lezen.",
        "There is no new measurement yet to read progress from.",
    ),
    "agenda_target_progress": (
        "Nieuwste meting {value} ({period}): {share}% van de weg naar de streefwaarde.",
        "Latest measurement {value} ({period}): {share}% of the way to the target value.",
    ),
    "agenda_target_cell": (
        "{share}% van de weg (doel {year})",
        "{share}% of the way (target {year})",
    ),
    "agenda_target_cell_open": (
        "doel {year}, geen streefwaarde genoemd",
        "target {year}, no target value stated",
    ),
    "agenda_target_cell_wait": (
        "doel {year}, nog niet meetbaar",
        "target {year}, not measurable yet",
    ),
    "map_stories_toggle": ("Verhalen op de kaart", "Stories on the map"),
    "map_stories_help": (
        "Toont de verhalen bij de doelen van de Sociale Agenda die deze indicator meet.",
        "Shows the stories of the Sociale Agenda goals this indicator measures.",
    ),
    "map_stories_none": (
        "Geen verhalen bij deze indicator: geen doel van de Sociale Agenda meet ermee, of die "
        "doelen hebben nog geen verhalen.",
        "No stories for this indicator: no Sociale Agenda goal is measured by it, or those goals "
        "have no stories yet.",
    ),
    "map_stories_count": (
        "{stories} bij {goals}; klik op een stip om het verhaal te lezen.",
        "{stories} for {goals}; click a dot to read the story.",
    ),
    "map_stories_goal": ("het doel {goals}", "the goal {goals}"),
    "map_stories_goals": ("de doelen {goals}", "the goals {goals}"),
    "slide_more_figures": (
        "En nog {n} cijfers: zie de pagina Sociale Agenda.",
        "And {n} more figures: see the Social Agenda page.",
    ),
    "profile_stories": ("Verhalen uit {name}", "Stories from {name}"),
    "profile_no_stories": (
        "Nog geen verhalen uit {name} bij de Sociale Agenda.",
        "No Social Agenda stories from {name} yet.",
    ),
    # --- change over time on the map (views/changeview.py, issue #20) ---
    "notice_unknown_since": (
        "Startperiode {value} bestaat niet voor deze indicator; de kaart van één periode "
        "wordt getoond.",
        "Start period {value} does not exist for this indicator; showing the map of one period.",
    ),
    "notice_since_not_comparable": (
        "Verandering sinds {value} wordt niet getoond: de perioden van deze indicator zijn niet "
        "vergelijkbaar (bijvoorbeeld enquêterondes met een gewijzigde methode). De kaart van "
        "één periode wordt getoond.",
        "Change since {value} is not shown: the periods of this indicator are not comparable "
        "(for example survey rounds with a changed method). Showing the map of one period.",
    ),
    "notice_since_not_before": (
        "Startperiode {value} ligt niet vóór de getoonde periode; de kaart van één periode "
        "wordt getoond.",
        "Start period {value} is not before the period shown; showing the map of one period.",
    ),
    "change_mode": ("Verandering sinds", "Change since"),
    "change_mode_none": ("geen: alleen de getoonde periode", "none: the shown period only"),
    "change_mode_help": (
        "Kleurt elke gemeente naar haar verandering tussen de startperiode en de getoonde periode.",
        "Colours each municipality by its change between the start period and the period shown.",
    ),
    "change_refused_not_comparable": (
        "Verandering over de tijd is niet beschikbaar: de perioden van deze indicator zijn niet "
        "vergelijkbaar (bijvoorbeeld enquêterondes met een gewijzigde methode of andere "
        "leeftijdsgrenzen).",
        "Change over time is not available: the periods of this indicator are not comparable "
        "(for example survey rounds with a changed method or other age limits).",
    ),
    "change_refused_one_period": (
        "Verandering over de tijd is niet beschikbaar: deze indicator heeft één periode.",
        "Change over time is not available: this indicator has one period.",
    ),
    "change_refused_no_map": (
        "Verandering over de tijd op de kaart is niet beschikbaar: deze indicator heeft geen "
        "cijfers per gemeente of regio.",
        "Change over time on the map is not available: this indicator has no figures per "
        "municipality or region.",
    ),
    "change_refused_first": (
        "Verandering over de tijd: kies een latere periode; de getoonde is de eerste.",
        "Change over time: choose a later period; the one shown is the first.",
    ),
    "change_col": ("Verandering", "Change"),
    "change_col_text": ("Verandering (tekst)", "Change (text)"),
    "change_col_significance": ("Significantie", "Significance"),
    "change_significant_yes": ("significant", "significant"),
    "change_not_significant": ("niet significant", "not significant"),
    "change_no_data": (
        "geen gegevens in een van beide perioden",
        "no data in one of the two periods",
    ),
    "change_none_label": ("geen verandering", "no change"),
    "change_points": ("procentpunt", "percentage points"),
    "change_word_higher": ("gestegen", "risen"),
    "change_word_lower": ("gedaald", "fallen"),
    "change_word_equal": ("gelijk gebleven", "unchanged"),
    "change_verb_rose": ("gestegen", "risen"),
    "change_verb_fell": ("gedaald", "fallen"),
    "change_areas_gemeente": ("gemeenten", "municipalities"),
    "change_areas_corop": ("regio's", "regions"),
    "change_summary": (
        "{head}: in {k} van de {n} {areas} {verb}; het sterkst in {place} ({amount}).",
        "{head}: {verb} in {k} of the {n} {areas}; most in {place} ({amount}).",
    ),
    "change_summary_all": (
        "{head}: in alle {n} {areas} {verb}; het sterkst in {place} ({amount}).",
        "{head}: {verb} in all {n} {areas}; most in {place} ({amount}).",
    ),
    "change_summary_flat": (
        "{head}: in alle {n} {areas} gelijk gebleven.",
        "{head}: unchanged in all {n} {areas}.",
    ),
    "change_summary_none": (
        "{head}: van geen enkel gebied zijn gegevens in beide perioden.",
        "{head}: no area has data in both periods.",
    ),
    "change_summary_unclear": (
        "In {places} is de verandering niet significant.",
        "In {places} the change is not significant.",
    ),
    "change_summary_absent": (
        "Van {names} zijn geen gegevens in een van beide perioden.",
        "No data for {names} in one of the two periods.",
    ),
    "change_legend": ("Verandering {periods}", "Change {periods}"),
    "change_slope": ("Van {start} naar {end}", "From {start} to {end}"),
    "change_ranking": ("Rangorde van de verandering", "Ranking of the change"),
    "change_table": ("Tabel van de verandering", "Table of the change"),
    "story_problem_unknown_since": (
        "startperiode '{value}' bestaat niet voor deze indicator",
        "start period '{value}' does not exist for this indicator",
    ),
    "story_problem_since_not_comparable": (
        "verandering sinds '{value}' kan niet: de perioden van deze indicator zijn niet "
        "vergelijkbaar",
        "change since '{value}' is not possible: the periods of this indicator are not comparable",
    ),
    "story_problem_since_not_before": (
        "startperiode '{value}' ligt niet vóór de getoonde periode",
        "start period '{value}' is not before the period shown",
    ),
    "site_change_link": ("Verandering sinds {start}", "Change since {start}"),
    "timeline": ("Tijdlijn", "Timeline"),
    "timeline_play": ("Afspelen", "Play"),
    "timeline_pause": ("Pauzeren", "Pause"),
    "timeline_help": (
        "← en → gaan een periode terug of verder, Home en End naar de eerste en de laatste; "
        "de spatiebalk op de knop speelt af of pauzeert.",
        "← and → go one period back or on, Home and End to the first and the last; the "
        "space bar on the button plays or pauses.",
    ),
    "timeline_fixed_only": (
        "Afspelen kan met vaste klassen (Kleuren: 'Klassen (vast over alle jaren)'), zodat "
        "een kleur in elk jaar hetzelfde betekent.",
        "Playing needs fixed classes (Colours: 'Classes (fixed across years)'), so that a "
        "colour means the same in every year.",
    ),
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
    # --- branch change2: the kind of change (?verandering=), the change controls on the map
    "change_kind": ("Verandering in", "Change as"),
    "change_kind_eenheid": ("eenheid van de indicator", "the indicator's unit"),
    "change_kind_eenheid_points": ("procentpunten", "percentage points"),
    "change_kind_relatief": ("procenten (relatief)", "per cent (relative)"),
    "change_kind_help": (
        "Eenheid: het verschil tussen de twee perioden in de eenheid van de indicator "
        "(bij percentages in procentpunten). Relatief: dat verschil in procenten van de "
        "beginwaarde.",
        "Unit: the difference between the two periods in the indicator's unit (percentage "
        "points for percentages). Relative: that difference as a percentage of the start "
        "value.",
    ),
    "change_no_relative": (
        "geen gegevens: de beginwaarde is 0 of lager, dus geen relatieve verandering",
        "no data: the start value is 0 or below, so no relative change",
    ),
    "change_no_relative_legend": (
        "geen gegevens: beginwaarde 0, geen relatieve verandering",
        "no data: start value 0, no relative change",
    ),
    "change_no_data_or_relative": (
        "geen gegevens in een van beide perioden, of beginwaarde 0",
        "no data in one of the two periods, or a start value of 0",
    ),
    "change_summary_zero_start": (
        "Van {names} is geen relatieve verandering te berekenen: de beginwaarde is 0 of lager.",
        "No relative change for {names}: the start value is 0 or below.",
    ),
    "change_relative_unit": ("% van de beginwaarde", "% of the start value"),
    "change_summary_head_relative": ("{head} (relatieve verandering)", "{head} (relative change)"),
    "change_refused_period": (
        "Verandering over de tijd is voor deze periode niet beschikbaar: alleen perioden met "
        "dezelfde methode zijn vergelijkbaar (zie de toelichting bij de indicator).",
        "Change over time is not available for this period: only periods with the same method "
        "are comparable (see the indicator's notes).",
    ),
    "site_change_kind_link": ("Dezelfde verandering in {kind}", "The same change in {kind}"),
    # --- branch deploy: download columns (publish/downloads.py) ---
    "export_col_number": ("{column} (getal)", "{column} (number)"),
    "col_code": ("Code", "Code"),
    "col_unit": ("Eenheid", "Unit"),
    "col_kind": ("Soort", "Kind"),
    "col_kind_region": ("regio", "region"),
    "col_kind_gemeente": ("gemeente", "municipality"),
    "col_lower": ("Ondergrens", "Lower bound"),
    "col_upper": ("Bovengrens", "Upper bound"),
    # --- branch upload: Eigen gegevens (model/upload.py, app/uploads.py) ---
    "upload_at_cell": ("{file}, rij {row}, kolom {column}", "{file}, row {row}, column {column}"),
    "upload_at_row": ("{file}, rij {row}", "{file}, row {row}"),
    "upload_at_column": ("{file}, kolom {column}", "{file}, column {column}"),
    "upload_err_too_large": (
        "het bestand is {size} MB; de grens is {limit} MB.",
        "the file is {size} MB; the limit is {limit} MB.",
    ),
    "upload_err_too_many_rows": (
        "{rows} gegevensrijen; de grens is {limit}.",
        "{rows} data rows; the limit is {limit}.",
    ),
    "upload_err_empty": (
        "het bestand is leeg; verwacht een kopregel en gegevensrijen.",
        "the file is empty; expected a header row and data rows.",
    ),
    "upload_err_only_header": (
        "alleen een kopregel, geen gegevensrijen.",
        "only a header row, no data rows.",
    ),
    "upload_err_no_values": (
        "geen enkele waarde: alle waardecellen zijn leeg.",
        "not a single value: every value cell is empty.",
    ),
    "upload_err_extension": (
        "bestanden van het type .{ext} worden niet gelezen; gebruik CSV (.csv) of Excel (.xlsx).",
        "files of type .{ext} are not read; use CSV (.csv) or Excel (.xlsx).",
    ),
    "upload_err_xls": (
        "een oud Excel-bestand (.xls); sla het op als Excel-werkmap (.xlsx) of CSV.",
        "an old Excel file (.xls); save it as Excel workbook (.xlsx) or CSV.",
    ),
    "upload_err_zip_as_csv": (
        "dit is geen CSV maar een Excel-werkmap; geef het de extensie .xlsx.",
        "this is not a CSV but an Excel workbook; give it the extension .xlsx.",
    ),
    "upload_err_bad_xlsx": (
        "geen leesbare Excel-werkmap (.xlsx); sla het bestand opnieuw op in Excel.",
        "not a readable Excel workbook (.xlsx); save the file again in Excel.",
    ),
    "upload_err_no_data_sheet": (
        "de werkmap heeft alleen een blad metadata, geen blad met gegevens.",
        "the workbook has only a metadata sheet, no sheet with data.",
    ),
    "upload_err_formula": (
        "cel {cell} bevat een formule ({formula}); plak de waarden (Plakken speciaal → Waarden).",
        "cell {cell} holds a formula ({formula}); paste the values (Paste special → Values).",
    ),
    "upload_err_extra_cells_xlsx": (
        "{cells} gevulde cellen, maar de kopregel heeft er {header}; geef elke kolom een naam.",
        "{cells} filled cells, but the header has {header}; give every column a name.",
    ),
    "upload_err_utf16": (
        "de tekst is UTF-16; sla het bestand op als CSV UTF-8.",
        "the text is UTF-16; save the file as CSV UTF-8.",
    ),
    "upload_err_binary": (
        "geen tekstbestand (het bevat nul-bytes); verwacht CSV of .xlsx.",
        "not a text file (it contains null bytes); expected CSV or .xlsx.",
    ),
    "upload_err_encoding": (
        "de tekst is geen UTF-8 en ook geen Windows-1252 (byte {byte}); sla het op als CSV UTF-8.",
        "the text is neither UTF-8 nor Windows-1252 (byte {byte}); save it as CSV UTF-8.",
    ),
    "upload_err_tab": (
        "de kolommen zijn gescheiden door tabs; verwacht een komma (,) of puntkomma (;).",
        "the columns are separated by tabs; expected a comma (,) or semicolon (;).",
    ),
    "upload_err_one_column": (
        "de kopregel ‘{header}’ heeft maar één kolom; verwacht kolommen gescheiden door een "
        "komma (,) of puntkomma (;).",
        "the header ‘{header}’ has only one column; expected columns separated by a comma (,) "
        "or semicolon (;).",
    ),
    "upload_err_quotes": (
        "niet leesbaar als CSV ({detail}); controleer de aanhalingstekens.",
        "not readable as CSV ({detail}); check the quotes.",
    ),
    "upload_err_empty_header": (
        "kolom {position} van de kopregel heeft geen naam.",
        "column {position} of the header has no name.",
    ),
    "upload_err_duplicate_header": (
        "de kolom ‘{value}’ komt twee keer voor.",
        "the column ‘{value}’ occurs twice.",
    ),
    "upload_err_extra_cells": (
        "{cells} cellen, maar de kopregel heeft er {header}. Staat er een decimaalkomma zonder "
        "aanhalingstekens in een bestand met komma's als scheidingsteken?",
        "{cells} cells, but the header has {header}. Is there a decimal comma without quotes "
        "in a comma-separated file?",
    ),
    "upload_err_tidy_columns": (
        "kolom(men) {missing} ontbreken; gevonden: {found}. Verwacht gemeente, periode en waarde "
        "(en eventueel onder, boven, indicator).",
        "column(s) {missing} are missing; found: {found}. Expected gemeente, periode and "
        "waarde (and optionally onder, boven, indicator).",
    ),
    "upload_err_no_shape": (
        "de verwachte kolommen ontbreken (gevonden: {found}). Verwacht óf gemeente, periode, "
        "waarde (lang), óf gemeente en één kolom per periode zoals 2022, 2023 (breed).",
        "the expected columns are missing (found: {found}). Expected either gemeente, periode, "
        "waarde (long) or gemeente and one column per period such as 2022, 2023 (wide).",
    ),
    "upload_err_wide_column": (
        "‘{value}’ is geen periode; in de brede vorm is elke kolom na gemeente een jaar (2023), "
        "schooljaar (2012/2013) of halfjaar (2021H1).",
        "‘{value}’ is not a period; in the wide shape every column after gemeente is a year "
        "(2023), school year (2012/2013) or half year (2021H1).",
    ),
    "upload_err_wide_same_period": (
        "‘{value}’ is dezelfde periode als kolom ‘{first}’.",
        "‘{value}’ is the same period as column ‘{first}’.",
    ),
    "upload_err_two_indicators": (
        "een tweede indicator ‘{value}’ (rij {first_row}: ‘{first}’); upload één indicator per "
        "bestand.",
        "a second indicator ‘{value}’ (row {first_row}: ‘{first}’); upload one indicator per file.",
    ),
    "upload_err_empty_region": (
        "de cel is leeg; verwacht een gemeentenaam of CBS-code (GM0106).",
        "the cell is empty; expected a gemeente name or CBS code (GM0106).",
    ),
    "upload_err_unknown_code": (
        "onbekende CBS-code ‘{value}’.",
        "unknown CBS code ‘{value}’.",
    ),
    "upload_err_unknown_name": (
        "onbekende gemeente of regio ‘{value}’; gebruik de naam uit de CBS-lijst of de CBS-code "
        "(GM0106).",
        "unknown gemeente or region ‘{value}’; use the name of the CBS list or the CBS code "
        "(GM0106).",
    ),
    "upload_err_ambiguous_name": (
        "‘{value}’ kan zijn: {options}; schrijf de code ({codes}).",
        "‘{value}’ can be: {options}; write the code ({codes}).",
    ),
    "upload_level_gemeente": ("gemeente", "gemeente"),
    "upload_level_corop": ("COROP-gebied", "COROP region"),
    "upload_level_provincie": ("provincie", "province"),
    "upload_level_land": ("land", "country"),
    "upload_err_empty_period": (
        "de cel is leeg; verwacht een periode.",
        "the cell is empty; expected a period.",
    ),
    "upload_err_period": (
        "‘{value}’ is geen jaar (2023), schooljaar (2012/2013) of halfjaar (2021H1).",
        "‘{value}’ is not a year (2023), school year (2012/2013) or half year (2021H1).",
    ),
    "upload_err_not_number": (
        "‘{value}’ is geen getal.",
        "‘{value}’ is not a number.",
    ),
    "upload_err_not_finite": (
        "‘{value}’ is geen eindig getal.",
        "‘{value}’ is not a finite number.",
    ),
    "upload_err_percent": (
        "‘{value}’ is geen getal; schrijf {number} zonder procentteken.",
        "‘{value}’ is not a number; write {number} without the percent sign.",
    ),
    "upload_err_mixed_point": (
        "‘{value}’ heeft een decimaalpunt, maar rij {first} een decimaalkomma; gebruik één stijl.",
        "‘{value}’ has a decimal point, but row {first} a decimal comma; use one style.",
    ),
    "upload_err_mixed_comma": (
        "‘{value}’ heeft een decimaalkomma, maar rij {first} een decimaalpunt; gebruik één stijl.",
        "‘{value}’ has a decimal comma, but row {first} a decimal point; use one style.",
    ),
    "upload_err_bounds_without_value": (
        "de waarde is leeg maar onder of boven niet; laat ze alle drie leeg voor een ontbrekende "
        "waarde.",
        "the value is empty but lower or upper is not; leave all three empty for a missing value.",
    ),
    "upload_err_lower_upper": (
        "de ondergrens {lower} is groter dan de bovengrens {upper}.",
        "the lower bound {lower} is greater than the upper bound {upper}.",
    ),
    "upload_err_lower_value": (
        "de ondergrens {lower} is groter dan de waarde {value}.",
        "the lower bound {lower} is greater than the value {value}.",
    ),
    "upload_err_upper_value": (
        "de bovengrens {upper} is kleiner dan de waarde {value}.",
        "the upper bound {upper} is smaller than the value {value}.",
    ),
    "upload_err_duplicate": (
        "{name} ({code}) in {period} staat ook in rij {first}; houd er één.",
        "{name} ({code}) in {period} is also in row {first}; keep one.",
    ),
    "upload_err_meta_field": (
        "onbekend veld ‘{value}’; bekende velden: {known}.",
        "unknown field ‘{value}’; known fields: {known}.",
    ),
    "upload_err_meta_decimals": (
        "decimalen ‘{value}’: verwacht 0, 1, 2, 3 of 4.",
        "decimals ‘{value}’: expected 0, 1, 2, 3 or 4.",
    ),
    "upload_err_meta_direction": (
        "richting ‘{value}’: verwacht 1 (hoger is beter), -1 (hoger is slechter) of 0 (neutraal).",
        "direction ‘{value}’: expected 1 (higher is better), -1 (higher is worse) or 0 (neutral).",
    ),
    "upload_err_meta_aggregation": (
        "regioregel ‘{value}’: verwacht een van {known}.",
        "region rule ‘{value}’: expected one of {known}.",
    ),
    "upload_err_meta_unit": (
        "eenheid ‘{value}’: verwacht een van {known}.",
        "unit ‘{value}’: expected one of {known}.",
    ),
    "upload_err_meta_theme": (
        "thema ‘{value}’: verwacht een van {known}.",
        "theme ‘{value}’: expected one of {known}.",
    ),
    "upload_definition": (
        "Zelf aangeleverde cijfers, niet van het CBS.",
        "Figures supplied by the user, not from CBS.",
    ),
    "upload_licence": ("eigen gegevens", "own data"),
    "upload_source": ("Eigen gegevens (geüpload {date})", "Own data (uploaded {date})"),
    "upload_title": ("Eigen gegevens", "Own data"),
    "upload_private": (
        "Uw bestand blijft alleen in deze browsersessie: het wordt niet opgeslagen, niet gelogd "
        "en niet getoond aan anderen, en verdwijnt als u de pagina sluit. CSV of Excel (.xlsx), "
        "tot 5 MB en 20.000 rijen.",
        "Your file stays in this browser session only: it is not stored, not logged and not "
        "shown to anyone else, and it disappears when you close the page. CSV or Excel "
        "(.xlsx), up to 5 MB and 20,000 rows.",
    ),
    "upload_file": ("Bestand met eigen cijfers", "File with your own figures"),
    "upload_file_help": (
        "Lang: kolommen gemeente, periode, waarde (eventueel onder, boven). Breed: een kolom "
        "gemeente en één kolom per periode. Gemeenten als naam of CBS-code.",
        "Long: columns gemeente, periode, waarde (optionally onder, boven). Wide: a column "
        "gemeente and one column per period. Gemeenten as name or CBS code.",
    ),
    "upload_kept": (
        "Het vorige bestand blijft in gebruik.",
        "The previous file stays in use.",
    ),
    "upload_read_tidy": (
        "{file} gelezen als lange tabel: {values} waarden, {regions} gebieden, {periods}.",
        "{file} read as a long table: {values} values, {regions} areas, {periods}.",
    ),
    "upload_read_wide": (
        "{file} gelezen als brede tabel (een kolom per periode): {values} waarden, "
        "{regions} gebieden, {periods}.",
        "{file} read as a wide table (a column per period): {values} values, "
        "{regions} areas, {periods}.",
    ),
    "upload_label": ("Naam van de indicator", "Name of the indicator"),
    "upload_unit": ("Eenheid", "Unit"),
    "upload_decimals": ("Decimalen", "Decimals"),
    "upload_direction": ("Richting", "Direction"),
    "upload_direction_1": ("hoger is beter", "higher is better"),
    "upload_direction_0": ("neutraal", "neutral"),
    "upload_direction_-1": ("hoger is slechter", "higher is worse"),
    "upload_aggregation": ("Regiowaarde", "Region value"),
    "upload_aggregation_help": (
        "Hoe Regio's een waarde voor een regio berekent (gemarkeerd als berekend), alleen als "
        "elke gemeente van de regio een waarde heeft.",
        "How Regions computes a region's value (marked computed), only when every gemeente "
        "of the region has a value.",
    ),
    "upload_agg_mean_population": (
        "gemiddelde gewogen naar inwoners",
        "mean weighted by population",
    ),
    "upload_agg_sum": ("som (aantallen)", "sum (counts)"),
    "upload_agg_none": ("niet berekenen", "do not compute"),
    "upload_theme": ("Thema", "Theme"),
    "upload_theme_own": ("Eigen gegevens", "Own data"),
    "upload_remove": ("Eigen gegevens verwijderen", "Remove own data"),
    "upload_templates": (
        "Sjabloon met de gemeenten van Drenthe:",
        "Template with the gemeenten of Drenthe:",
    ),
    "upload_example": ("Voorbeeld (verzonnen cijfers):", "Example (made-up figures):"),
    "upload_no_share": (
        "Deze weergave toont eigen gegevens. Die staan alleen in uw browsersessie, dus een "
        "link zou bij een ander een lege of andere kaart openen. Deel in plaats daarvan de "
        "cijfers als CSV.",
        "This view shows own data. It lives in your browser session only, so a link would "
        "open an empty or different map for anyone else. Share the figures as CSV instead.",
    ),
    "upload_csv": ("Eigen gegevens als CSV", "Own data as CSV"),
    "upload_mark": ("eigen gegevens", "own data"),
    "notice_upload_elsewhere": (
        "Deze link wees naar eigen gegevens uit iemands browsersessie; die zijn niet als link "
        "te delen. De standaardindicator wordt getoond.",
        "This link pointed at own data of someone's browser session, which cannot be shared "
        "as a link. Showing the default indicator.",
    ),
    "upload_no_qr": (
        "Geen QR-code: deze dia toont eigen gegevens uit uw sessie.",
        "No QR code: this slide shows own data of your session.",
    ),
    "upload_no_share_story": (
        "Dit verhaal heeft een dia met eigen gegevens. Die staan alleen in uw browsersessie, "
        "dus een link zou ze niet tonen. Deel de cijfers als CSV (Delen en insluiten op de "
        "kaart).",
        "This story has a slide with own data. It lives in your browser session only, so a "
        "link would not show it. Share the figures as CSV (Share and embed on the map).",
    ),
    "upload_source_local": ("Eigen gegevens (geïmporteerd {date})", "Own data (imported {date})"),
    # --- branch harden (issue 21) -------------------------------------------------------------
    "harden_story_no_link": (
        "Dit verhaal past niet in een link (hoogstens {max} tekens): laat dia's weg om het "
        "te delen.",
        "This story does not fit in a link (at most {max} characters): leave out slides to "
        "share it.",
    ),
    "harden_notice_unknown_gemeenten": (
        "{n} onbekende gemeentecodes zijn genegeerd: {value}{more}.",
        "{n} unknown municipality codes were ignored: {value}{more}.",
    ),
    "harden_notice_and_more": (" en nog {n} andere", " and {n} more"),
    "harden_draft_damaged": (
        "Het eigen verhaal in deze link kon niet (helemaal) worden gelezen; controleer de "
        "dia's op Presenteren.",
        "The own story in this link could not be read (completely); check its slides on Present.",
    ),
    "harden_draft_too_long": (
        "Het eigen verhaal past niet meer in de link: bij herladen gaat de laatste dia "
        "verloren. Deel het op Presenteren of begin een nieuw verhaal.",
        "The own story no longer fits in the link: a reload loses the last slide. Share it "
        "on Present or start a new story.",
    ),
    "harden_story_no_notes_link": (
        "Met de notities past dit verhaal niet in een link; de link hierboven deelt het "
        "zonder notities. Kort de notities in om ze mee te delen.",
        "With its notes this story does not fit in a link; the link above shares it without "
        "them. Shorten the notes to share them too.",
    ),
    # branch mapfirst: the map page's parts held back until the map has painted
    "after_map_waiting": (
        "Wordt geladen zodra de kaart getekend is.",
        "Loading once the map has been drawn.",
    ),
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
