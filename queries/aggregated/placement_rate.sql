-- placement_rate from the month aggregates (see the header of queries/placement_rate.sql).
WITH c AS (
    SELECT coalesce(sum(n_placed), 0)::BIGINT AS placed, coalesce(sum(n_looking), 0)::BIGINT AS looking,
           sum(k_placed) AS k_placed, sum(k_looking) AS k_looking
    FROM person_period_n($region, $programme, $doelgroep, $start, $end)
)
SELECT placed, looking, placed::DOUBLE / nullif(looking, 0) AS rate,
       wilson_lo(placed, looking) AS rate_lo, wilson_hi(placed, looking) AS rate_hi,
       ck(k_placed) AS placed__ck, ck(k_looking) AS looking__ck
FROM c;
