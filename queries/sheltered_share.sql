-- sheltered_share: beschut (beschut werk + alternatief beschut) against regulier (regular job + garantiebaan) placements.
-- returns: one row: beschut, regulier, total (all placements), share_beschut (of beschut + regulier), lo, hi
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=beschut,regulier,total rates=share_beschut/beschut+regulier/beschut
-- aggregates: start=month_start end=month_end
-- Persons: rows of persons with one trajectory are counted as they are; only `multi` rows need a DISTINCT.
WITH k0 AS (
    SELECT count(*) FILTER (WHERE is_sheltered(work_kind)) AS beschut,
           count(*) FILTER (WHERE is_regular(work_kind)) AS regulier,
           count(*) AS total,
           sum(rk) FILTER (WHERE is_sheltered(work_kind)) AS beschut_k,
           sum(rk) FILTER (WHERE is_regular(work_kind)) AS regulier_k, sum(rk) AS total_k
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end AND NOT multi
    UNION ALL
    SELECT count(DISTINCT person_key) FILTER (WHERE is_sheltered(work_kind)) AS beschut,
           count(DISTINCT person_key) FILTER (WHERE is_regular(work_kind)) AS regulier,
           count(DISTINCT person_key) AS total,
           sum(DISTINCT rk) FILTER (WHERE is_sheltered(work_kind)),
           sum(DISTINCT rk) FILTER (WHERE is_regular(work_kind)), sum(DISTINCT rk)
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end AND multi
), k AS (
    SELECT sum(beschut)::BIGINT AS beschut, sum(regulier)::BIGINT AS regulier, sum(total)::BIGINT AS total,
           ck(sum(beschut_k)) AS beschut__ck, ck(sum(regulier_k)) AS regulier__ck, ck(sum(total_k)) AS total__ck FROM k0
)
SELECT beschut, regulier, total, beschut::DOUBLE / nullif(beschut + regulier, 0) AS share_beschut,
       wilson_lo(beschut, beschut + regulier) AS lo, wilson_hi(beschut, beschut + regulier) AS hi,
       beschut__ck, regulier__ck, total__ck
FROM k;
