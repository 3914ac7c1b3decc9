-- sheltered_share_by_year from the month aggregates (see the header of queries/sheltered_share_by_year.sql).
WITH k AS (
    SELECT year, sum(beschut)::BIGINT AS beschut, sum(regulier)::BIGINT AS regulier,
           ck(sum(beschut_k)) AS beschut__ck, ck(sum(regulier_k)) AS regulier__ck
    FROM (
        SELECT m // 12 AS year,
               coalesce(sum(n) FILTER (WHERE is_sheltered(work_kind)), 0) AS beschut,
               coalesce(sum(n) FILTER (WHERE is_regular(work_kind)), 0) AS regulier,
               sum(k) FILTER (WHERE is_sheltered(work_kind)) AS beschut_k,
               sum(k) FILTER (WHERE is_regular(work_kind)) AS regulier_k
        FROM sel_agg_placed($region, $programme, $doelgroep)
        WHERE m <= month_ix($end)
        GROUP BY ALL
        UNION ALL
        SELECT year(placement_date) AS year,
               count(*) FILTER (WHERE is_sheltered(work_kind)) AS beschut,
               count(*) FILTER (WHERE is_regular(work_kind)) AS regulier,
               sum(rk) FILTER (WHERE is_sheltered(work_kind)) AS beschut_k,
               sum(rk) FILTER (WHERE is_regular(work_kind)) AS regulier_k
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date <= $end AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT year(placement_date) AS year,
               count(DISTINCT person_key) FILTER (WHERE is_sheltered(work_kind)) AS beschut,
               count(DISTINCT person_key) FILTER (WHERE is_regular(work_kind)) AS regulier,
               sum(DISTINCT rk) FILTER (WHERE is_sheltered(work_kind)),
               sum(DISTINCT rk) FILTER (WHERE is_regular(work_kind))
        FROM sel_x($region, $programme, $doelgroep)
        WHERE placement_date <= $end AND multi
        GROUP BY ALL
    )
    GROUP BY year
)
SELECT year, beschut, regulier, beschut::DOUBLE / nullif(beschut + regulier, 0) AS share_beschut,
       wilson_lo(beschut, beschut + regulier) AS lo, wilson_hi(beschut, beschut + regulier) AS hi,
       beschut__ck, regulier__ck
FROM k
WHERE beschut + regulier > 0
ORDER BY year;
