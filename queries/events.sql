-- events: dated events that explain a jump in a series (a law, the start of a pilot or programme), for the region and period.
-- returns: date, nl, en (the text in Dutch and English), national (bool); one row per event, oldest first
-- params: events_path path = data/events.csv (the app's own file, never user input); region region (code of any level, NULL = all of the Netherlands); from date (first day of the series); end date
-- protect: none
-- aggregates: none (reads the app's events list only)
-- National events (no gemeente) always show; a local event shows when its gemeente lies in the selected region.
-- With all of the Netherlands selected only national events show: local ones would explain nothing there.
WITH e AS (
    SELECT * FROM read_csv($events_path, header = true,
                           columns = {'date': 'DATE', 'gemeente_code': 'VARCHAR', 'nl': 'VARCHAR', 'en': 'VARCHAR'})
)
SELECT DISTINCT e.date, e.nl, e.en, e.gemeente_code IS NULL AS national
FROM e LEFT JOIN regions r USING (gemeente_code)
WHERE e.date BETWEEN $from AND $end
  AND (e.gemeente_code IS NULL
       OR ($region IS NOT NULL AND in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)))
ORDER BY e.date, e.nl;
