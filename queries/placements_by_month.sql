-- placements_by_month: people placed per month (or quarter) and kind of work in the period, with the month's total.
-- returns: month (first day of the month; of the quarter when grain = quarter), work_kind, placed (distinct persons), total (sum over the kinds in the month: the same count as work_kind_counts' total for that month)
-- params: grain text in (month, quarter) = month; start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,total
-- aggregates: start=month_start end=month_end
-- Persons: rows of persons with one trajectory are counted as they are; only `multi` rows need a DISTINCT.
WITH k AS (
    SELECT month, work_kind, sum(placed)::BIGINT AS placed, sum(k) AS k
    FROM (
        SELECT date_trunc($grain, placement_date)::DATE AS month, work_kind, count(*) AS placed, sum(rk) AS k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT date_trunc($grain, placement_date)::DATE AS month, work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND multi
        GROUP BY ALL
    )
    GROUP BY month, work_kind
)
SELECT month, work_kind, placed, (sum(placed) OVER (PARTITION BY month))::BIGINT AS total,
       ck(k) AS placed__ck, ck(sum(k) OVER (PARTITION BY month)) AS total__ck
FROM k
ORDER BY month, work_kind;
