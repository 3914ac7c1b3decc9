"""Texts of the Gegevens beheren page. Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "page_admin": ("Gegevens beheren", "Manage data"),
    "adm_denied": ("Je hebt geen toegang tot het gegevensbeheer. Alleen beheerders kunnen nieuwe exports laden of een "
                   "eerdere dataversie actief maken.",
                   "You have no access to data management. Only administrators can load new exports or make an "
                   "earlier data version active."),
    "adm_active": ("Actieve dataversie: **{version}** · peildatum {peildatum}",
                   "Active data version: **{version}** · peildatum {peildatum}"),
    "adm_active_none": ("Er is nog geen actieve dataversie.", "There is no active data version yet."),
    "adm_intro": ("Laad nieuwe exports als een nieuwe dataversie. Alles wordt eerst gecontroleerd; pas als elk bestand "
                  "in orde is, wordt de nieuwe versie in één keer actief voor iedereen. Tabellen die je niet levert, "
                  "worden ongewijzigd overgenomen uit de actieve versie.",
                  "Load new exports as a new data version. Everything is checked first; only when every file is in "
                  "order does the new version become active for everyone at once. Tables you do not supply are "
                  "taken over unchanged from the active version."),
    # upload
    "adm_load_header": ("Nieuwe exports laden", "Load new exports"),
    "adm_uploader": ("Exportbestanden (parquet, CSV of Excel)", "Export files (parquet, CSV or Excel)"),
    "adm_uploader_help": ("Eén bestand per tabel, hoogstens {mb} MB per bestand (instelling max_upload_mb). CSV mag "
                          "komma-, puntkomma- of tab-gescheiden zijn, in UTF-8 of Windows-1252, met decimale komma "
                          "of punt.",
                          "One file per table, at most {mb} MB per file (setting max_upload_mb). CSV may be "
                          "comma, semicolon or tab separated, UTF-8 or Windows-1252, with a decimal comma or point."),
    "adm_files": ("Bestanden en tabellen", "Files and tables"),
    "adm_table_for": ("Tabel voor {file} ({size})", "Table for {file} ({size})"),
    "adm_table_pick": ("— kies een tabel —", "— choose a table —"),
    "adm_table_detected": ("herkend", "detected"),
    "adm_peildatum": ("Peildatum (optioneel)", "Reference date (optional)"),
    "adm_peildatum_help": ("Leeg laten: de laatste datum in de geleverde gegevens die niet in de toekomst ligt.",
                           "Leave empty: the latest date in the supplied data that is not in the future."),
    "adm_load": ("Laden", "Load"),
    "adm_no_files": ("Kies eerst één of meer bestanden.", "Choose one or more files first."),
    "adm_progress_start": ("Bestanden klaarzetten…", "Preparing files…"),
    # result
    "adm_ok": ("Versie **{version}** is geladen en nu actief voor iedereen. Peildatum: **{peildatum}**.",
               "Version **{version}** has been loaded and is now active for everyone. Reference date: **{peildatum}**."),
    "adm_failed": ("Niet geladen: {n} fout(en) gevonden. **De actieve data is ongewijzigd** (versie {version}). "
                   "Pas de bestanden aan en laad ze opnieuw.",
                   "Not loaded: {n} error(s) found. **The active data is unchanged** (version {version}). "
                   "Fix the files and load them again."),
    "adm_warnings": ("Waarschuwingen (het laden is wel gelukt)", "Warnings (the load did succeed)"),
    "adm_rows_title": ("Rijen per tabel in de nieuwe versie", "Rows per table in the new version"),
    "col_table": ("Tabel", "Table"),
    "col_rows": ("Rijen", "Rows"),
    "col_source": ("Bron", "Source"),
    "col_file": ("Bestand", "File"),
    "col_column": ("Kolom", "Column"),
    "col_rows_affected": ("Rijen getroffen", "Rows affected"),
    "col_examples": ("Voorbeelden", "Examples"),
    "col_message": ("Melding", "Message"),
    "col_severity": ("Soort", "Kind"),
    "sev_error": ("fout", "error"),
    "sev_warning": ("waarschuwing", "warning"),
    # versions
    "adm_versions_header": ("Dataversies", "Data versions"),
    "adm_keep_note": ("Bewaard worden de actieve versie, de versie die daarvoor actief was, versies die nog door een "
                      "pagina gelezen worden, en de {n} nieuwste andere versies (instelling keep_versions); oudere "
                      "versies worden verwijderd zodra een nieuwe versie wordt geladen.",
                      "Kept are the active version, the one active before it, versions a page is still reading, "
                      "and the {n} newest other versions (setting keep_versions); older versions are deleted when a "
                      "new version is loaded."),
    "adm_repaired": ("De verwijzing naar de actieve versie (ACTIVE) {what} en is op {time} UTC hersteld uit het "
                     "activatielogboek: versie {version}, de laatst geactiveerde. Controleer of dit de bedoelde versie "
                     "is; zet zo nodig een andere versie terug.",
                     "The pointer to the active version (ACTIVE) {what} and was repaired at {time} UTC from the "
                     "activation log: version {version}, the last one activated. Check that this is the intended "
                     "version; switch back to another one if needed."),
    "adm_wrong_missing": ("ontbrak", "was missing"),
    "adm_wrong_empty": ("was leeg", "was empty"),
    "adm_wrong_garbled": ("was onleesbaar", "was garbled"),
    "adm_wrong_unknown": ("verwees naar een versie die niet bestaat", "named a version that does not exist"),
    "adm_wrong_unreadable": ("kon niet worden gelezen", "could not be read"),
    "adm_defects": ("Wat er mis is met de gegevens die nu gelden (versie {version}): {what}. Laad de bestanden "
                    "opnieuw of zet hieronder een eerdere versie terug.",
                    "What is wrong with the data in force (version {version}): {what}. Load the files again or "
                    "switch back to an earlier version below."),
    "adm_details": ("Technische details", "Technical details"),
    "adm_no_versions": ("Deze gegevensmap is een gewone map met exports (geen versies); terugzetten is niet mogelijk.",
                        "This data folder is a plain folder of exports (no versions); switching back is not possible."),
    "col_active": ("Actief", "Active"),
    "col_version": ("Versie", "Version"),
    "col_created": ("Aangemaakt", "Created"),
    "col_peildatum": ("Peildatum", "Reference date"),
    "src_demo": ("demodata", "demo data"),
    "src_upload": ("geladen export", "loaded export"),
    "adm_rollback_pick": ("Eerdere versie", "Earlier version"),
    "adm_rollback": ("Deze versie actief maken", "Make this version active"),
    "adm_rollback_none": ("Er is geen eerdere versie om naar terug te gaan.", "There is no earlier version to go back to."),
    "adm_confirm": ("Versie **{version}** (peildatum {peildatum}) wordt de actieve data voor iedereen, in plaats van "
                    "**{active}**. Er wordt niets verwijderd. Doorgaan?",
                    "Version **{version}** (reference date {peildatum}) becomes the active data for everyone, instead "
                    "of **{active}**. Nothing is deleted. Continue?"),
    "adm_confirm_yes": ("Ja, actief maken", "Yes, make active"),
    "adm_confirm_no": ("Annuleren", "Cancel"),
    "adm_switched": ("Versie **{version}** is nu actief. Alle pagina's tonen de cijfers van deze versie.",
                     "Version **{version}** is now active. Every page shows the numbers of this version."),
}
