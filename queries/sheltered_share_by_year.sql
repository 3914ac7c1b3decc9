-- sheltered_share_by_year: per year, beschut (beschut werk + alternatief beschut) against regulier (regular job + garantiebaan) placements, up to the end of the period.
-- returns: year, beschut, regulier, share_beschut (of beschut + regulier), lo, hi (95% Wilson interval)
-- params: end, region, programme, doelgroep
-- protect: counts=beschut,regulier rates=share_beschut/beschut+regulier/beschut
-- Persons: rows of persons with one trajectory are counted as they are; only `multi` rows need a DISTINCT.
WITH k AS (
    SELECT year, sum(beschut)::BIGINT AS beschut, sum(regulier)::BIGINT AS regulier,
           ck(sum(beschut_k)) AS beschut__ck, ck(sum(regulier_k)) AS regulier__ck
    FROM (
        SELECT year(placement_date) AS year,
               count(*) FILTER (WHERE work_kind IN ('beschut_werk', 'alternatief_beschut')) AS beschut,
               count(*) FILTER (WHERE work_kind IN ('regulier', 'garantiebaan')) AS regulier,
               sum(rk) FILTER (WHERE work_kind IN ('beschut_werk', 'alternatief_beschut')) AS beschut_k,
               sum(rk) FILTER (WHERE work_kind IN ('regulier', 'garantiebaan')) AS regulier_k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date <= $end AND NOT multi
        GROUP BY ALL
        UNION ALL
        SELECT year(placement_date) AS year,
               count(DISTINCT person_key) FILTER (WHERE work_kind IN ('beschut_werk', 'alternatief_beschut')) AS beschut,
               count(DISTINCT person_key) FILTER (WHERE work_kind IN ('regulier', 'garantiebaan')) AS regulier,
               sum(DISTINCT rk) FILTER (WHERE work_kind IN ('beschut_werk', 'alternatief_beschut')),
               sum(DISTINCT rk) FILTER (WHERE work_kind IN ('regulier', 'garantiebaan'))
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
