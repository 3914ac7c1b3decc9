-- time_to_work: per doelgroep, days from a person's first intake to their first placement, for the persons whose first placement lies in the period.
-- returns: doelgroep, placed (persons), within_n (placed within $within_days days of intake), within_share, within_lo, within_hi (95% Wilson), median_days, p25_days, p75_days, mean_days
-- params: within_days int = 21 (days from intake); start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); programme text (NULL = all); doelgroep text (NULL = all)
-- protect: counts=placed,within_n rates=within_share/placed/within_n,median_days/placed,p25_days/placed,p75_days/placed,mean_days/placed
-- aggregates: none (the median and quartiles need every person's number of days, which month counts do not keep)
WITH d AS (
    SELECT doelgroep, person_key, rk, days FROM first_work($region, $programme, $doelgroep, $start, $end)
)
SELECT doelgroep, count(*) AS placed,
       count(*) FILTER (WHERE days <= $within_days) AS within_n,
       (count(*) FILTER (WHERE days <= $within_days))::DOUBLE / count(*) AS within_share,
       wilson_lo(count(*) FILTER (WHERE days <= $within_days), count(*)) AS within_lo,
       wilson_hi(count(*) FILTER (WHERE days <= $within_days), count(*)) AS within_hi,
       median(days) AS median_days, quantile_cont(days, 0.25) AS p25_days, quantile_cont(days, 0.75) AS p75_days,
       avg(days) AS mean_days,
       ck(sum(rk)) AS placed__ck, ck(sum(rk) FILTER (WHERE days <= $within_days)) AS within_n__ck
FROM d
GROUP BY doelgroep
ORDER BY doelgroep;
