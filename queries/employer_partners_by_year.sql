-- employer_partners_by_year: partner employers per network at the end of each year, from the network's first member to the period's end.
-- returns: network, year, joined (employers that joined in the year), partners (members at the end of the year)
-- params: end date; region region (code of any level, NULL = all: the employer's site)
-- protect: none
-- aggregates: none (reads the employers table only)
WITH e AS (
    SELECT e.network, year(e.join_date) AS join_year
    FROM employers e JOIN regions r USING (gemeente_code)
    WHERE in_region($region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND e.network IS NOT NULL AND e.join_date IS NOT NULL AND e.join_date <= $end
),
years AS (
    SELECT network, unnest(range(min(join_year), year($end) + 1)) AS year FROM e GROUP BY network
)
SELECT y.network, y.year::BIGINT AS year,
       count(e.join_year) FILTER (WHERE e.join_year = y.year) AS joined,
       count(e.join_year) FILTER (WHERE e.join_year <= y.year) AS partners
FROM years y LEFT JOIN e ON e.network = y.network AND e.join_year <= y.year
GROUP BY y.network, y.year
ORDER BY y.network, y.year;
