-- work_kind_counts: people placed in the period per kind of work, with each kind's share.
-- returns: work_kind, placed (distinct persons), share (0..1 of all placements in the period), share_lo, share_hi
-- params: start, end, region, programme, doelgroep
WITH k AS (
    SELECT work_kind, (count(*) FILTER (WHERE NOT multi) + count(DISTINCT person_key) FILTER (WHERE multi)) AS placed
    FROM sel_placements($region, $programme, $doelgroep)
    WHERE placement_date BETWEEN $start AND $end
    GROUP BY work_kind
)
SELECT work_kind, placed, placed::DOUBLE / sum(placed) OVER () AS share,
       wilson_lo(placed, sum(placed) OVER ()) AS share_lo, wilson_hi(placed, sum(placed) OVER ()) AS share_hi
FROM k
ORDER BY placed DESC;
