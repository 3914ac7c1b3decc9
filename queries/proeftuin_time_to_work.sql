-- proeftuin_time_to_work: days from intake to work for participants with an intake in the period who went to work.
-- returns: one row per participant in work: partner, outcome (regulier_werk, werkleertraject or beschut_werk), days (intake to outcome date), with per partner: n, median_days, p25_days, p75_days
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); partner text (NULL = all)
-- rows: person (no key; the chart shows their spread)
-- protect: counts=n rates=days/n,median_days/n,p25_days/n,p75_days/n
-- aggregates: none (one row per participant; reads the proeftuinen table only: small)
WITH w AS (
    SELECT pt.partner, pt.outcome, datediff('day', pt.intake_date, pt.outcome_date) AS days, record_key(pt.person_key) AS rk
    FROM proeftuinen pt JOIN regions r USING (gemeente_code)
    WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND pt.intake_date BETWEEN $start AND $end
      AND ($partner IS NULL OR pt.partner = $partner)
      AND pt.outcome IN ('regulier_werk', 'werkleertraject', 'beschut_werk')
      AND pt.outcome_date IS NOT NULL
)
SELECT partner, outcome, days,
       count(*) OVER (PARTITION BY partner) AS n, ck(sum(rk) OVER (PARTITION BY partner)) AS n__ck,
       median(days) OVER (PARTITION BY partner) AS median_days,
       quantile_cont(days, 0.25) OVER (PARTITION BY partner) AS p25_days,
       quantile_cont(days, 0.75) OVER (PARTITION BY partner) AS p75_days
FROM w
ORDER BY n DESC, partner, days, outcome;
