-- proeftuin_outcome_share: share of each outcome among a partner's intakes in the period.
-- returns: partner, outcome, n (participants), total (intakes of the partner), share (n / total), share_lo, share_hi (95% Wilson interval)
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); partner text (NULL = all)
-- protect: counts=n,total rates=share/total/n
-- aggregates: none (reads the proeftuinen table only: small)
WITH p AS (
    SELECT pt.partner, pt.outcome, count(DISTINCT pt.person_key) AS n, sum(DISTINCT record_key(pt.person_key)) AS k
    FROM proeftuinen pt JOIN regions r USING (gemeente_code)
    WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND pt.intake_date BETWEEN $start AND $end
      AND ($partner IS NULL OR pt.partner = $partner)
    GROUP BY pt.partner, pt.outcome
), o AS (SELECT *, (sum(n) OVER (PARTITION BY partner))::BIGINT AS total, sum(k) OVER (PARTITION BY partner) AS total_k FROM p)
SELECT partner, outcome, n, total, n::DOUBLE / total AS share, wilson_lo(n, total) AS share_lo, wilson_hi(n, total) AS share_hi,
       ck(k) AS n__ck, ck(total_k) AS total__ck
FROM o
ORDER BY total DESC, partner,
         array_position(['regulier_werk', 'werkleertraject', 'beschut_werk', 'ondersteuning', 'uitgevallen', 'lopend'], outcome);
