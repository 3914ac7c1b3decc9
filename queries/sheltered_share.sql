-- sheltered_share: beschut (beschut werk + alternatief beschut) against regulier (regular job + garantiebaan) placements.
-- returns: one row: beschut, regulier, total (all placements), share_beschut (of beschut + regulier), lo, hi
-- params: start, end, region, programme, doelgroep
WITH k AS (
    SELECT (count(*) FILTER (WHERE work_kind IN ('beschut_werk', 'alternatief_beschut') AND NOT multi) + count(DISTINCT person_key) FILTER (WHERE work_kind IN ('beschut_werk', 'alternatief_beschut') AND multi)) AS beschut,
           (count(*) FILTER (WHERE work_kind IN ('regulier', 'garantiebaan') AND NOT multi) + count(DISTINCT person_key) FILTER (WHERE work_kind IN ('regulier', 'garantiebaan') AND multi)) AS regulier,
           (count(*) FILTER (WHERE NOT multi) + count(DISTINCT person_key) FILTER (WHERE multi)) AS total
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end
)
SELECT beschut, regulier, total, beschut::DOUBLE / nullif(beschut + regulier, 0) AS share_beschut,
       wilson_lo(beschut, beschut + regulier) AS lo, wilson_hi(beschut, beschut + regulier) AS hi
FROM k;
