-- pilot_outflow: outcome distribution of the participants of each pilot that ran in the period and region.
-- returns: pilot, gemeente_code, gemeente_name, pilot_start, pilot_end, outcome, n (participants with this outcome), total (participants of the pilot), share (n / total), share_lo, share_hi (95% Wilson interval); largest pilot first
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands)
-- protect: counts=n,total rates=share/total/n
-- aggregates: none (reads the pilots table only: small)
-- A pilot counts when it overlaps the period: it started on or before the end and had not ended before the start.
WITH p AS (
    SELECT pl.*, r.gemeente_name
    FROM pilots pl JOIN regions r USING (gemeente_code)
    WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
),
runs AS (
    SELECT pilot, gemeente_code, min(start_date) AS pilot_start,
           CASE WHEN bool_and(end_date IS NOT NULL) THEN max(end_date) END AS pilot_end,
           count(DISTINCT person_key) AS total, ck(sum(DISTINCT record_key(person_key))) AS total__ck
    FROM p GROUP BY pilot, gemeente_code
    HAVING min(start_date) <= $end AND (pilot_end IS NULL OR pilot_end >= $start)
)
SELECT runs.pilot, runs.gemeente_code, any_value(p.gemeente_name) AS gemeente_name,
       any_value(runs.pilot_start) AS pilot_start, any_value(runs.pilot_end) AS pilot_end, p.outcome,
       count(DISTINCT p.person_key) AS n, any_value(runs.total) AS total,
       count(DISTINCT p.person_key)::DOUBLE / any_value(runs.total) AS share,
       wilson_lo(count(DISTINCT p.person_key), any_value(runs.total)) AS share_lo,
       wilson_hi(count(DISTINCT p.person_key), any_value(runs.total)) AS share_hi,
       ck(sum(DISTINCT record_key(p.person_key))) AS n__ck, any_value(runs.total__ck) AS total__ck
FROM runs JOIN p USING (pilot, gemeente_code)
GROUP BY runs.pilot, runs.gemeente_code, p.outcome
ORDER BY total DESC, pilot, array_position(['regulier_werk', 'traject_naar_werk', 'beschut_werk_nodig', 'uitgevallen', 'lopend'], p.outcome);
