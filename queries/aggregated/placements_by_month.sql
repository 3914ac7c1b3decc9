-- placements_by_month from the month aggregates (see the header of queries/placements_by_month.sql).
SELECT make_date(m // 12, m % 12 + 1, 1) AS month, work_kind, sum(placed)::BIGINT AS placed, ck(sum(k)) AS placed__ck
FROM (
    SELECT m, work_kind, sum(n) AS placed, sum(k) AS k
    FROM sel_agg_placed($region, $programme, $doelgroep)
    WHERE m BETWEEN month_ix($start) AND month_ix($end)
    GROUP BY ALL
    UNION ALL
    SELECT month_ix(placement_date) AS m, work_kind, count(*) AS placed, sum(rk) AS k
    FROM sel_x($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end AND NOT multi
    GROUP BY ALL
    UNION ALL
    SELECT month_ix(placement_date) AS m, work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
    FROM sel_x($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end AND multi
    GROUP BY ALL
)
GROUP BY m, work_kind
ORDER BY month, work_kind;
