"""Texts of the Datawoordenboek page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "rs_page_dictionary": ("Datawoordenboek", "Data dictionary"),
    # data dictionary
    "dd_intro": (
        "Alle tabellen en kolommen van het exportcontract (meedoen/contract.py). Aantallen rijen en de eerste en "
        "laatste datum per datumkolom komen uit de actieve dataversie {version} (peildatum {peildatum}), via "
        "queries/table_stats.sql.",
        "Every table and column of the export contract (meedoen/contract.py). Row counts and the first and last "
        "date per date column come from the active data version {version} (reference date {peildatum}), through "
        "queries/table_stats.sql."),
    "dd_counts_intern": ("Aantallen: intern, exact.", "Counts: internal, exact."),
    "dd_counts_publiek": (
        "Aantallen: publiek. Rijen over personen zijn licht verstoord (±2) en kleine aantallen afgeschermd, zoals "
        "overal in de publieke weergave; het gevulde deel komt uit de verstoorde aantallen.",
        "Counts: public. Rows about persons are slightly perturbed (±2) and small counts withheld, as everywhere in "
        "the public audience; the filled share comes from the perturbed counts."),
    "dd_no_data": ("Er is geen actieve dataversie: alleen het contract wordt getoond.",
                   "There is no active data version: only the contract is shown."),
    "dd_stats_failed": ("De aantallen konden niet worden berekend (table_stats): {error}",
                        "The counts could not be computed (table_stats): {error}"),
    "dd_tables": ("Tabellen", "Tables"),
    "dd_table": ("Tabel", "Table"),
    "dd_description": ("Omschrijving", "Description"),
    "dd_rows": ("Rijen", "Rows"),
    "dd_key": ("Sleutel", "Key"),
    "dd_person_level": ("Persoonsniveau", "Person level"),
    "dd_required_table": ("Verplicht", "Required"),
    "dd_dates": ("Eerste – laatste datum", "First – last date"),
    "dd_column": ("Kolom", "Column"),
    "dd_type": ("Type", "Type"),
    "dd_required": ("Verplicht", "Required"),
    "dd_is_key": ("Sleutel", "Key"),
    "dd_unit": ("Eenheid", "Unit"),
    "dd_allowed": ("Toegestane waarden", "Allowed values"),
    "dd_meaning": ("Betekenis", "Meaning"),
    "dd_example": ("Voorbeeld", "Example"),
    "dd_filled": ("Ingevuld", "Filled"),
    "dd_yes": ("ja", "yes"),
    "dd_no": ("nee", "no"),
    "dd_table_caption": ("Sleutel: {keys}. {rows} rijen.", "Key: {keys}. {rows} rows."),
    "dd_date_order": ("Datumvolgorde: {pairs}.", "Date order: {pairs}."),
    "dd_optional_table": ("Optionele tabel: niet elke export heeft hem.", "Optional table: not every export has it."),
    "dd_pattern": ("patroon {pattern}", "pattern {pattern}"),
    "dd_minimum": ("≥ {minimum}", "≥ {minimum}"),
    "dd_type_string": ("tekst", "text"),
    "dd_type_date32[day]": ("datum", "date"),
    "dd_type_bool": ("ja/nee", "true/false"),
    "dd_type_double": ("decimaal getal", "decimal number"),
    "dd_type_int64": ("geheel getal", "integer"),
}
