-- pilot_activities: participants of one pilot per activity or workplace, split by outcome.
-- returns: activity, outcome, n (participants), activity_total (participants in this activity); busiest activity first
-- params: region region (code of any level, NULL = all of the Netherlands); pilot text (name)
-- protect: counts=n,activity_total
-- aggregates: none (reads the pilots table only: small)
SELECT pl.activity, pl.outcome, count(DISTINCT pl.person_key) AS n,
       (sum(count(DISTINCT pl.person_key)) OVER (PARTITION BY pl.activity))::BIGINT AS activity_total,
       ck(sum(DISTINCT record_key(pl.person_key))) AS n__ck,
       ck(sum(sum(DISTINCT record_key(pl.person_key))) OVER (PARTITION BY pl.activity)) AS activity_total__ck
FROM pilots pl JOIN regions r USING (gemeente_code)
WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
  AND pl.pilot = $pilot
GROUP BY pl.activity, pl.outcome
ORDER BY activity_total DESC, activity, outcome;
