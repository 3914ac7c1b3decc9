-- targets_realised: realised against the target (taakstelling) per gemeente, year and measure, with the gap and whether it is on track.
-- returns: gemeente_code, gemeente_name, year, measure, target, realised, gap (target - realised), elapsed (0..1 of the year passed at the peildatum), expected (target x elapsed), finished (year over at the peildatum), status ('met' | 'not_met' | 'on_track' | 'behind' | 'not_started'), on_track (bool)
-- params: region region (code of any level, NULL = all of the Netherlands); start date (1 Jan of the first whole year); end date (31 Dec of the last whole year); peildatum date
-- protect: counts=realised gaps=gap/target/realised
-- aggregates: start=month_start end=month_end with targets_vs_realised_n
-- A year not finished at the peildatum is on track when realised >= target x the elapsed share of the year;
-- a finished year is on track when the target was met.
WITH t AS (
    SELECT *, make_date(year, 1, 1) AS y0, make_date(year, 12, 31) AS y1
    FROM targets_vs_realised($region, $start, $end)
), e AS (
    SELECT *, least(greatest((date_diff('day', y0, $peildatum::DATE) + 1)::DOUBLE / (date_diff('day', y0, y1) + 1), 0.0), 1.0) AS elapsed,
           $peildatum::DATE >= y1 AS finished
    FROM t
)
SELECT gemeente_code, gemeente_name, year, measure, target, realised, ck(realised_k) AS realised__ck, target - realised AS gap, elapsed,
       target * elapsed AS expected, finished,
       CASE WHEN finished AND realised >= target THEN 'met'
            WHEN finished THEN 'not_met'
            WHEN elapsed = 0 THEN 'not_started'
            WHEN realised >= target * elapsed THEN 'on_track'
            ELSE 'behind' END AS status,
       CASE WHEN finished THEN realised >= target ELSE realised >= target * elapsed END AS on_track
FROM e
ORDER BY measure, gemeente_name, year;
