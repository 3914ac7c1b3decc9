-- targets_by_year: realised against target per year and measure, summed over the gemeenten in the selection that have a target.
-- returns: year, measure, target, realised, gap (target - realised), gemeenten (with a target), gemeenten_on_track, elapsed (0..1 of the year passed at the peildatum), expected (target x elapsed), finished, on_track (bool, for the sum)
-- params: region region (code of any level, NULL = all of the Netherlands); start date (1 Jan of the first whole year); end date (31 Dec of the last whole year); peildatum date
-- protect: counts=realised gaps=gap/target/realised
-- aggregates: start=month_start end=month_end with targets_vs_realised_n
WITH t AS (
    SELECT year, measure, sum(target)::BIGINT AS target, sum(realised)::BIGINT AS realised, ck(sum(realised_k)) AS realised__ck, count(DISTINCT gemeente_code) AS gemeenten,
           count(*) FILTER (WHERE realised >= target) AS gemeenten_met,
           make_date(year, 1, 1) AS y0, make_date(year, 12, 31) AS y1
    FROM targets_vs_realised($region, $start, $end)
    GROUP BY year, measure
), e AS (
    SELECT *, least(greatest((date_diff('day', y0, $peildatum::DATE) + 1)::DOUBLE / (date_diff('day', y0, y1) + 1), 0.0), 1.0) AS elapsed,
           $peildatum::DATE >= y1 AS finished
    FROM t
)
SELECT year, measure, target, realised, realised__ck, target - realised AS gap, gemeenten, gemeenten_met, elapsed,
       target * elapsed AS expected, finished,
       CASE WHEN finished THEN realised >= target ELSE realised >= target * elapsed END AS on_track
FROM e
ORDER BY measure, year;
