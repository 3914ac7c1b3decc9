-- kpi_targets_period: realised against target per measure, summed over the gemeenten in the selection, with the target for the period itself.
-- returns: measure, realised, target (the whole-year targets of the years the period touches), target_period (pro rata: each year's target × the share of that year inside the period, rounded to whole people), expected (the same up to the peildatum: the target so far, rounded), gemeenten (with a target), first_year, last_year, whole_years (the period is whole calendar years), finished (the period ended on or before the peildatum), gap_target (target_period when finished, expected otherwise), gap (gap_target - realised; negative = above), realised_selection (the part of realised within the programme and doelgroep; equal to realised when both are NULL)
-- params: start date (realised is counted within the period, targets are per whole year); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); peildatum date (the data's reference date); programme text (NULL = all: counts realised_selection only); doelgroep text (NULL = all: counts realised_selection only)
-- protect: counts=realised,realised_selection gaps=gap/gap_target/realised
-- aggregates: start=month_start end=month_end with targets_vs_realised_n realised_in_n
-- A finished period is judged against its own target (pro rata for part of a year); a running one against the
-- part of that target that lies up to the peildatum (year to date). Targets hold for all programmes and
-- doelgroepen together, so a programme or doelgroep filter only shows what its part contributed. Met or not is
-- read from the protected gap (meedoen/target_state.py), never from the exact count.
WITH t AS (
    SELECT *, make_date(year, 1, 1) AS y0, make_date(year, 12, 31) AS y1
    FROM targets_vs_realised($region, $start, $end)
), f AS (
    SELECT *,
           (date_diff('day', greatest(y0, $start::DATE), least(y1, $end::DATE)) + 1)::DOUBLE
               / (date_diff('day', y0, y1) + 1) AS in_period,
           greatest(date_diff('day', greatest(y0, $start::DATE), least(y1, $end::DATE, $peildatum::DATE)) + 1, 0)::DOUBLE
               / (date_diff('day', y0, y1) + 1) AS so_far
    FROM t
), sel AS (  -- the selection's part, in the gemeenten and years that have a target
    SELECT x.measure, sum(x.realised)::BIGINT AS realised_selection, ck(sum(x.realised_k)) AS realised_selection__ck
    FROM realised_in($region, $programme, $doelgroep, $start, $end) x
    JOIN (SELECT DISTINCT gemeente_code, year, measure FROM t) USING (gemeente_code, year, measure)
    GROUP BY x.measure
), m AS (
    SELECT measure, sum(realised)::BIGINT AS realised, ck(sum(realised_k)) AS realised__ck, sum(target)::BIGINT AS target,
           round(sum(target * in_period))::BIGINT AS target_period, round(sum(target * so_far))::BIGINT AS expected,
           count(DISTINCT gemeente_code) AS gemeenten, min(year) AS first_year, max(year) AS last_year,
           bool_and(in_period >= 1) AS whole_years, $end::DATE <= $peildatum::DATE AS finished
    FROM f
    GROUP BY measure
)
SELECT measure, realised, realised__ck, target, target_period, expected, gemeenten, first_year, last_year, whole_years, finished,
       CASE WHEN finished THEN target_period ELSE expected END AS gap_target,
       CASE WHEN finished THEN target_period ELSE expected END - realised AS gap,
       coalesce(sel.realised_selection, 0) AS realised_selection, coalesce(sel.realised_selection__ck, 0) AS realised_selection__ck
FROM m LEFT JOIN sel USING (measure)
ORDER BY measure;
