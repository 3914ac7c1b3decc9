"""Texts of the SQL page (SQL lab and named queries). Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "rs_page_sql": ("SQL", "SQL"),
    # SQL lab: access
    "rs_title": ("SQL-lab", "SQL lab"),
    "rs_denied_audience": (
        "Het SQL-lab staat uit in de publieke weergave (publieke server of presentatiemodus): een eigen query kan "
        "rijen op persoonsniveau tonen, en die horen niet op een openbaar scherm. Open het dashboard intern om het "
        "SQL-lab te gebruiken.",
        "The SQL lab is off in the public audience (a public server or presentation mode): a query of your own can "
        "show person-level rows, which do not belong on a public screen. Open the dashboard internally to use the "
        "SQL lab."),
    "rs_denied_role": (
        "Het SQL-lab is alleen voor onderzoekers en beheerders, omdat een eigen query rijen op persoonsniveau kan "
        "tonen. Uw rol is '{role}'. Vraag de beheerder om de rol 'researcher' als u het nodig hebt.",
        "The SQL lab is for researchers and administrators only, because a query of your own can show person-level "
        "rows. Your role is '{role}'. Ask the administrator for the 'researcher' role if you need it."),
    "rs_denied_login": ("Log in als onderzoeker of beheerder om het SQL-lab te gebruiken.",
                        "Sign in as a researcher or administrator to use the SQL lab."),
    "rs_no_lab": ("Het SQL-lab kon niet worden gestart: {error}", "The SQL lab could not be started: {error}"),
    "rs_intro": (
        "Eigen SELECT-query's op de actieve dataversie {version}, in een afgeschermde DuckDB: alleen lezen, één "
        "opdracht per keer, maximaal {rows} rijen en {limit} s.",
        "Your own SELECT queries on the active data version {version}, in a locked-down DuckDB: read only, one "
        "statement at a time, at most {rows} rows and {limit} s."),
    "rs_tab_editor": ("Eigen query", "Own query"),
    "rs_tab_named": ("Vaste query's", "Named queries"),
    # SQL lab: editor
    "rs_editor": ("SQL", "SQL"),
    "rs_editor_help": ("Eén SELECT-query (ook WITH … SELECT). De tabellen en kolommen staan rechts.",
                       "One SELECT query (also WITH … SELECT). The tables and columns are on the right."),
    "rs_run": ("Uitvoeren", "Run"),
    "rs_example_reset": ("Voorbeeld terugzetten", "Restore example"),
    "rs_refused": ("Niet uitgevoerd. {message}", "Not run. {message}"),
    "rs_failed": ("Mislukt. {message}", "Failed. {message}"),
    "rs_summary": ("{rows} rijen · {seconds}", "{rows} rows · {seconds}"),
    "rs_truncated": (
        "Resultaat afgekapt: alleen de eerste {rows} rijen worden getoond en gedownload (de grens van het SQL-lab). "
        "Maak de query kleiner met een WHERE-filter, GROUP BY of LIMIT.",
        "Result cut off: only the first {rows} rows are shown and downloaded (the SQL lab's limit). "
        "Narrow the query with a WHERE filter, GROUP BY or LIMIT."),
    "rs_no_rows": ("De query gaf geen rijen terug.", "The query returned no rows."),
    "rs_download_csv": ("CSV", "CSV"),
    "rs_download_parquet": ("Parquet", "Parquet"),
    "rs_download_excel": ("Excel", "Excel"),
    "rs_download": ("Download", "Download"),
    "rs_tables": ("Tabellen en kolommen", "Tables and columns"),
    "rs_tables_help": ("Plus de macro's uit queries/_definitions.sql, zoals sel_placements(region, programme, "
                       "doelgroep).",
                       "Plus the macros of queries/_definitions.sql, such as sel_placements(region, programme, "
                       "doelgroep)."),
    "rs_history": ("Geschiedenis", "History"),
    "rs_history_empty": ("Nog geen query's uitgevoerd in deze sessie.", "No queries run in this session yet."),
    "rs_history_ok": ("{at} · {rows} rijen · {seconds}", "{at} · {rows} rows · {seconds}"),
    "rs_history_error": ("{at} · fout", "{at} · error"),
    "rs_history_load": ("Terug in de editor zetten", "Load into the editor"),
    # SQL lab: named queries
    "rs_named_intro": (
        "De query's achter de grafieken, uit de map queries/. Ze draaien met dezelfde cache en weergave als de "
        "grafieken; de parameters zijn vooraf ingevuld met de filters in de zijbalk.",
        "The queries behind the charts, from the queries/ folder. They run with the same cache and audience as the "
        "charts; the parameters are prefilled from the filters in the sidebar."),
    "rs_named_pick": ("Query", "Query"),
    "rs_named_returns": ("Geeft terug", "Returns"),
    "rs_named_params": ("Parameters", "Parameters"),
    "rs_named_no_params": ("Deze query heeft geen parameters.", "This query has no parameters."),
    "rs_named_fixed": ("vast, door de app ingevuld", "fixed, set by the app"),
    "rs_named_empty_null": ("Vooraf ingevuld met de filters in de zijbalk. Een leeg tekstveld is NULL (alle).",
                            "Prefilled from the sidebar filters. An empty text field is NULL (all)."),
    "rs_named_run": ("Query uitvoeren", "Run query"),
    "rs_named_failed": ("Query {name} kon niet worden uitgevoerd: {error}", "Query {name} could not be run: {error}"),
    "rs_named_bad_param": ("Parameter {param}: {error}", "Parameter {param}: {error}"),
    "rs_named_result": ("Resultaat van {name}", "Result of {name}"),
}
