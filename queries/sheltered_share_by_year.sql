-- sheltered_share_by_year: per year, beschut (beschut werk + alternatief beschut) against regulier (regular job + garantiebaan) placements, up to the end of the period.
-- returns: year, beschut, regulier, share_beschut (of beschut + regulier), lo, hi (95% Wilson interval)
-- params: end, region, programme, doelgroep
WITH k AS (
    SELECT year(placement_date) AS year,
           (count(*) FILTER (WHERE work_kind IN ('beschut_werk', 'alternatief_beschut') AND NOT multi) + count(DISTINCT person_key) FILTER (WHERE work_kind IN ('beschut_werk', 'alternatief_beschut') AND multi)) AS beschut,
           (count(*) FILTER (WHERE work_kind IN ('regulier', 'garantiebaan') AND NOT multi) + count(DISTINCT person_key) FILTER (WHERE work_kind IN ('regulier', 'garantiebaan') AND multi)) AS regulier
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE placement_date <= $end
    GROUP BY ALL
)
SELECT year, beschut, regulier, beschut::DOUBLE / nullif(beschut + regulier, 0) AS share_beschut,
       wilson_lo(beschut, beschut + regulier) AS lo, wilson_hi(beschut, beschut + regulier) AS hi
FROM k
WHERE beschut + regulier > 0
ORDER BY year;
