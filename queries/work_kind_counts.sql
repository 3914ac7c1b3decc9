-- work_kind_counts: people placed in the period per kind of work, with each kind's share.
-- returns: work_kind, placed (distinct persons), share (0..1 of all placements in the period), share_lo, share_hi
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,total rates=share/total/placed
-- aggregates: start=month_start end=month_end
-- Persons: rows of persons with one trajectory are counted as they are; only `multi` rows need a DISTINCT.
WITH k AS (
    SELECT work_kind, sum(placed)::BIGINT AS placed, sum(k) AS k
    FROM (
        SELECT work_kind, count(*) AS placed, sum(rk) AS k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND NOT multi
        GROUP BY work_kind
        UNION ALL
        SELECT work_kind, count(DISTINCT person_key) AS placed, sum(DISTINCT rk) AS k
        FROM sel_placements($region, $programme, $doelgroep)
        WHERE placement_date BETWEEN $start AND $end AND multi
        GROUP BY work_kind
    )
    GROUP BY work_kind
)
SELECT work_kind, placed, placed::DOUBLE / sum(placed) OVER () AS share,
       wilson_lo(placed, sum(placed) OVER ()) AS share_lo, wilson_hi(placed, sum(placed) OVER ()) AS share_hi,
       (sum(placed) OVER ())::BIGINT AS total, ck(k) AS placed__ck, ck(sum(k) OVER ()) AS total__ck
FROM k
ORDER BY placed DESC, work_kind;
