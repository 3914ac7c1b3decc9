-- sheltered_share from the month aggregates (see the header of queries/sheltered_share.sql).
WITH k0 AS (
    SELECT sum(n) FILTER (WHERE is_sheltered(work_kind)) AS beschut,
           sum(n) FILTER (WHERE is_regular(work_kind)) AS regulier,
           sum(n) AS total,
           sum(k) FILTER (WHERE is_sheltered(work_kind)) AS beschut_k,
           sum(k) FILTER (WHERE is_regular(work_kind)) AS regulier_k, sum(k) AS total_k
    FROM sel_agg_placed($region, $programme, $doelgroep)
    WHERE m BETWEEN month_ix($start) AND month_ix($end)
    UNION ALL
    SELECT count(*) FILTER (WHERE is_sheltered(work_kind)),
           count(*) FILTER (WHERE is_regular(work_kind)),
           count(*),
           sum(rk) FILTER (WHERE is_sheltered(work_kind)),
           sum(rk) FILTER (WHERE is_regular(work_kind)), sum(rk)
    FROM sel_x($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end AND NOT multi
    UNION ALL
    SELECT count(DISTINCT person_key) FILTER (WHERE is_sheltered(work_kind)),
           count(DISTINCT person_key) FILTER (WHERE is_regular(work_kind)),
           count(DISTINCT person_key),
           sum(DISTINCT rk) FILTER (WHERE is_sheltered(work_kind)),
           sum(DISTINCT rk) FILTER (WHERE is_regular(work_kind)), sum(DISTINCT rk)
    FROM sel_x($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end AND multi
), k AS (
    SELECT coalesce(sum(beschut), 0)::BIGINT AS beschut, coalesce(sum(regulier), 0)::BIGINT AS regulier,
           coalesce(sum(total), 0)::BIGINT AS total,
           ck(sum(beschut_k)) AS beschut__ck, ck(sum(regulier_k)) AS regulier__ck, ck(sum(total_k)) AS total__ck FROM k0
)
SELECT beschut, regulier, total, beschut::DOUBLE / nullif(beschut + regulier, 0) AS share_beschut,
       wilson_lo(beschut, beschut + regulier) AS lo, wilson_hi(beschut, beschut + regulier) AS hi,
       beschut__ck, regulier__ck, total__ck
FROM k;
