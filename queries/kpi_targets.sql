-- kpi_targets: realised against target per measure, summed over the gemeenten in the selection.
-- returns: measure, realised, target, gemeenten (with a target), first_year, last_year
-- params: start date (realised is counted within the period, targets are per whole year); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands)
-- protect: counts=realised
-- aggregates: start=month_start end=month_end with targets_vs_realised_n
SELECT measure, sum(realised) AS realised, ck(sum(realised_k)) AS realised__ck, sum(target) AS target, count(DISTINCT gemeente_code) AS gemeenten,
       min(year) AS first_year, max(year) AS last_year
FROM targets_vs_realised($region, $start, $end)
GROUP BY measure
ORDER BY measure;
