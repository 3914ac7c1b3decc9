"""Texts of presentation mode, downloads and the share link (every page). Each entry: key -> (Dutch, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # presentation mode
    "pr_toggle": ("Presentatiemodus", "Presentation mode"),
    "pr_toggle_help": ("Eén grafiek per scherm, grote letters, zonder filters en tegels; kleine aantallen "
                       "afgeschermd (publieke weergave).",
                       "One chart per screen, large type, no filters or tiles; small counts suppressed "
                       "(public audience)."),
    "pr_start": ("Presenteren", "Present"),
    "pr_prev": ("Vorige", "Previous"),
    "pr_next": ("Volgende", "Next"),
    "pr_exit": ("Uit presentatie", "Leave presentation"),
    "pr_count": ("{n} / {total}", "{n} / {total}"),
    "pr_empty": ("Deze pagina heeft geen grafieken om te presenteren. Kies een andere pagina of een andere "
                 "periode of regio, of verlaat de presentatiemodus.",
                 "This page has no charts to present. Choose another page, period or region, or leave "
                 "presentation mode."),
    # exports
    "ex_download": ("Downloaden", "Download"),
    "ex_png": ("Afbeelding (PNG, 1920 px)", "Image (PNG, 1920 px)"),
    "ex_svg": ("Vectorafbeelding (SVG)", "Vector image (SVG)"),
    "ex_csv": ("Data (CSV): {name}", "Data (CSV): {name}"),
    "ex_wait": ("Het maken van een afbeelding duurt enkele seconden.",
                "Making an image takes a few seconds."),
    "ex_deck": ("PowerPoint van deze weergave", "PowerPoint of this view"),
    "ex_deck_help": ("Een titeldia en één dia per grafiek op deze pagina, met bronregel en de cijfers in de "
                     "notities. Het maken duurt enkele seconden.",
                     "A title slide and one slide per chart on this page, with a source line and the numbers "
                     "in the notes. Making it takes a few seconds."),
    "ex_footer": ("Weergave: {audience} · gemaakt {date}", "Audience: {audience} · made {date}"),
    "ex_tiles": ("Kerncijfers", "Key figures"),
    "ex_category": ("Categorie", "Category"),
    "ex_value": ("Waarde", "Value"),
    "ex_for": ("Cijfers voor", "Numbers for"),
    "ex_for_intern": ("intern", "internal"),
    "ex_for_publiek": ("publiek", "public"),
    "ex_for_help": ("Publiek: voor een presentatie, website of iedereen buiten de organisatie. Het scherm toont dan "
                    "dezelfde cijfers als het bestand.",
                    "Public: for a presentation, a website or anyone outside the organisation. The screen then "
                    "shows the same numbers as the file."),
    "ex_carries_intern": ("Dit bestand bevat **interne** cijfers: exacte aantallen, kleine groepen gemarkeerd. Niet "
                          "voor publicatie.",
                          "This file carries **internal** numbers: exact counts, small groups marked. Not for "
                          "publication."),
    "ex_carries_publiek": ("Dit bestand bevat **publieke** cijfers: aantallen licht verstoord, kleine aantallen "
                           "afgeschermd. Geschikt voor iedereen.",
                           "This file carries **public** numbers: counts slightly perturbed, small counts withheld. "
                           "Fit for anyone."),
    "ex_deck_menu": ("PowerPoint", "PowerPoint"),
    "ex_aud_intern": ("intern", "internal"),
    "ex_aud_publiek": ("publiek", "public"),
    # decks and their notes (made outside the session: looked up with i18n.text)
    "dk_made": ("Gemaakt op", "Created on"),
    "dk_audience": ("Weergave", "Audience"),
    "dk_source": ("Bron", "Source"),
    "dk_numbers": ("Cijfers", "Numbers"),
    "dk_more": ("en nog {n} rijen", "and {n} more rows"),
    "dk_part": ("deel", "part"),
    "dk_highest": ("hoogste", "highest"),
    "dk_lowest": ("laagste", "lowest"),
    "dk_total": ("totaal", "total"),
    "dk_items": ("waarden", "values"),
    "dk_flows": ("grootste stroom", "largest flow"),
    "dk_withheld": ("afgeschermd", "withheld"),
    "dk_median": ("mediaan", "median"),
    "dk_quartiles": ("kwartielen", "quartiles"),
    "pr_cut": ("De {n} hoogste van {total} getoond; de volledige rangorde staat op de pagina en in de PowerPoint.",
               "The top {n} of {total} shown; the full ranking is on the page and in the PowerPoint."),
    # share
    "sh_copy": ("Kopieer link", "Copy link"),
    "sh_help": ("Deze link opent precies deze weergave: pagina, filters, taal en presentatiemodus met dia. "
                "Kopieer hem met de knop rechtsboven in het vak.",
                "This link opens exactly this view: page, filters, language and presentation mode with slide. "
                "Copy it with the button at the top right of the box."),
}
