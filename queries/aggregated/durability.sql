-- durability from the month aggregates (see the header of queries/durability.sql).
WITH sel AS (
    SELECT doelgroep, person_key, rk, placement_date, end_date
    FROM sel_x($region, $programme, $doelgroep)
    WHERE multi
), per AS (
    SELECT doelgroep, person_key, any_value(rk) AS rk, min(placement_date) AS first_placement
    FROM sel
    GROUP BY ALL
    HAVING min(placement_date) BETWEEN $start AND $end
), m(months) AS (VALUES (6), (12)),
chk AS (
    SELECT per.doelgroep, per.person_key, per.rk, m.months, (per.first_placement + to_months(m.months))::DATE AS check_date
    FROM per CROSS JOIN m
), st AS (
    SELECT chk.doelgroep, chk.person_key, chk.rk, chk.months, chk.check_date <= $peildatum::DATE AS eligible,
           bool_or(s.placement_date <= chk.check_date AND (s.end_date IS NULL OR s.end_date >= chk.check_date)) AS still
    FROM chk LEFT JOIN sel s ON s.person_key = chk.person_key AND s.doelgroep = chk.doelgroep
                          AND s.placement_date IS NOT NULL
    GROUP BY ALL
    UNION ALL
    SELECT doelgroep, person_key, rk, months, check_date <= $peildatum::DATE AS eligible,
           placement_date <= check_date AND (end_date IS NULL OR end_date >= check_date) AS still
    FROM (SELECT o.doelgroep, o.person_key, o.rk, o.placement_date, o.end_date, m.months,
                 (o.placement_date + to_months(m.months))::DATE AS check_date
          FROM sel_x($region, $programme, $doelgroep) o CROSS JOIN m
          WHERE NOT o.multi AND o.placement_date BETWEEN $start AND $end)
), c AS (
    SELECT doelgroep, months, count(*) AS placed, count(*) FILTER (WHERE eligible) AS eligible,
           count(*) FILTER (WHERE eligible AND still) AS still,
           sum(rk) AS placed_k, sum(rk) FILTER (WHERE eligible) AS eligible_k,
           sum(rk) FILTER (WHERE eligible AND still) AS still_k
    FROM st GROUP BY doelgroep, months
    UNION ALL  -- regular rows: placed in month m, checked in month m + months, eligible when that is by the peildatum's month
    SELECT a.doelgroep, m.months, sum(a.n), sum(a.n) FILTER (WHERE a.m + m.months <= month_ix($peildatum::DATE)),
           sum(CASE m.months WHEN 6 THEN a.still6 ELSE a.still12 END) FILTER (WHERE a.m + m.months <= month_ix($peildatum::DATE)),
           sum(a.k), sum(a.k) FILTER (WHERE a.m + m.months <= month_ix($peildatum::DATE)),
           sum(CASE m.months WHEN 6 THEN a.still6_k ELSE a.still12_k END) FILTER (WHERE a.m + m.months <= month_ix($peildatum::DATE))
    FROM sel_agg_placed($region, $programme, $doelgroep) a CROSS JOIN m
    WHERE a.m BETWEEN month_ix($start) AND month_ix($end)
    GROUP BY ALL
), t AS (
    SELECT doelgroep, months, sum(placed)::BIGINT AS placed, coalesce(sum(eligible), 0)::BIGINT AS eligible,
           coalesce(sum(still), 0)::BIGINT AS still,
           sum(placed_k) AS placed_k, sum(eligible_k) AS eligible_k, sum(still_k) AS still_k
    FROM c GROUP BY doelgroep, months
)
SELECT doelgroep, months, placed, eligible, still, still::DOUBLE / nullif(eligible, 0) AS share,
       wilson_lo(still, eligible) AS lo, wilson_hi(still, eligible) AS hi,
       ck(placed_k) AS placed__ck, ck(eligible_k) AS eligible__ck, ck(still_k) AS still__ck
FROM t
ORDER BY doelgroep, months;
