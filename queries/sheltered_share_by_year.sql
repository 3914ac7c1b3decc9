-- sheltered_share_by_year: per year, beschut (beschut werk + alternatief beschut) against regulier (regular job + garantiebaan) placements, up to the end of the period.
-- returns: year, beschut, regulier, share_beschut (of beschut + regulier), lo, hi (95% Wilson interval)
-- params: end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=beschut,regulier rates=share_beschut/beschut+regulier/beschut
-- aggregates: end=month_end
-- Persons: rows of persons with one trajectory are counted as they are; only `multi` rows need a DISTINCT.
WITH k AS (
    SELECT year, sum(beschut)::BIGINT AS beschut, sum(regulier)::BIGINT AS regulier,
           ck(sum(beschut_k)) AS beschut__ck, ck(sum(regulier_k)) AS regulier__ck
    FROM (
        SELECT year(placement_date) AS year,
               count(*) FILTER (WHERE is_sheltered(work_kind)) AS beschut,
               count(*) FILTER (WHERE is_regular(work_kind)) AS regulier,
               sum(rk) FILTER (WHERE is_sheltered(work_kind)) AS beschut_k,
               sum(rk) FILTER (WHERE is_regular(work_kind)) AS regulier_k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date <= $end AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT year(placement_date) AS year,
               count(DISTINCT person_key) FILTER (WHERE is_sheltered(work_kind)) AS beschut,
               count(DISTINCT person_key) FILTER (WHERE is_regular(work_kind)) AS regulier,
               sum(DISTINCT rk) FILTER (WHERE is_sheltered(work_kind)),
               sum(DISTINCT rk) FILTER (WHERE is_regular(work_kind))
        FROM sel_placements($region, $programme, $doelgroep)
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
