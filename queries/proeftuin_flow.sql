-- proeftuin_flow: participants with an intake in the period, per partner, route after the intake and outcome.
-- returns: partner, route, outcome, n (participants), partner_total (intakes of the partner in the period); largest partner first
-- params: start date (first day of the period); end date (last day of the period); region region (code of any level, NULL = all of the Netherlands); partner text (NULL = all)
-- protect: counts=n,partner_total
-- aggregates: none (reads the proeftuinen table only: small)
-- Region: the participant's gemeente. Outcome as it stands on the reference date ('lopend' = no outcome yet).
WITH p AS (
    SELECT pt.partner, pt.route, pt.outcome, pt.person_key
    FROM proeftuinen pt JOIN regions r USING (gemeente_code)
    WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND pt.intake_date BETWEEN $start AND $end
      AND ($partner IS NULL OR pt.partner = $partner)
)
SELECT partner, route, outcome, count(DISTINCT person_key) AS n,
       (sum(count(DISTINCT person_key)) OVER (PARTITION BY partner))::BIGINT AS partner_total,
       ck(sum(DISTINCT record_key(person_key))) AS n__ck,
       ck(sum(sum(DISTINCT record_key(person_key))) OVER (PARTITION BY partner)) AS partner_total__ck
FROM p
GROUP BY partner, route, outcome
ORDER BY partner_total DESC, partner,
         array_position(['ontwikkeling_naar_werk', 'eerst_ondersteuning'], route),
         array_position(['regulier_werk', 'werkleertraject', 'beschut_werk', 'ondersteuning', 'uitgevallen', 'lopend'], outcome);
