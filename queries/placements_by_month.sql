-- placements_by_month: people placed per month and kind of work in the period.
-- returns: month (first day), work_kind, placed (distinct persons)
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed
-- aggregates: start=month_start end=month_end
-- Persons: rows of persons with one trajectory are counted as they are; only `multi` rows need a DISTINCT.
SELECT month, work_kind, sum(placed)::BIGINT AS placed, ck(sum(k)) AS placed__ck
FROM (
    SELECT date_trunc('month', placement_date)::DATE AS month, work_kind, count(*) AS placed, sum(rk) AS k
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end AND NOT multi
    GROUP BY ALL
    UNION ALL
    SELECT date_trunc('month', placement_date)::DATE AS month, work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end AND multi
    GROUP BY ALL
)
GROUP BY month, work_kind
ORDER BY month, work_kind;
