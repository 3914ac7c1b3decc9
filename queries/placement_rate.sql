-- placement_rate: share of the people looking for work in the period who were placed.
-- returns: one row: placed, looking, rate (0..1), rate_lo, rate_hi (95% Wilson interval)
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,looking rates=rate/looking/placed
-- aggregates: start=month_start end=month_end
SELECT count(*) FILTER (WHERE placed AND looking)                                   AS placed,
       count(*) FILTER (WHERE looking)                                              AS looking,
       (count(*) FILTER (WHERE placed AND looking))::DOUBLE / nullif(count(*) FILTER (WHERE looking), 0) AS rate,
       wilson_lo(count(*) FILTER (WHERE placed AND looking), count(*) FILTER (WHERE looking)) AS rate_lo,
       wilson_hi(count(*) FILTER (WHERE placed AND looking), count(*) FILTER (WHERE looking)) AS rate_hi,
       ck(sum(rk) FILTER (WHERE placed AND looking)) AS placed__ck, ck(sum(rk) FILTER (WHERE looking)) AS looking__ck
FROM person_period($region, $programme, $doelgroep, $start, $end);
