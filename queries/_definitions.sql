-- Shared definitions: the filters and metric building blocks every named query uses.
-- Loaded once per connection, after the table views. Change a definition here and every
-- page, export and test follows.

-- 95% Wilson score interval for a proportion x/n (better than the normal one for small n).
CREATE OR REPLACE MACRO wilson_lo(x, n) AS CASE WHEN n > 0 THEN
    ((x::DOUBLE / n) + 1.920800 / n - 1.96 * sqrt((x::DOUBLE / n) * (1 - x::DOUBLE / n) / n + 0.960400 / (n * n)))
    / (1 + 3.841600 / n) END;
CREATE OR REPLACE MACRO wilson_hi(x, n) AS CASE WHEN n > 0 THEN
    ((x::DOUBLE / n) + 1.920800 / n + 1.96 * sqrt((x::DOUBLE / n) * (1 - x::DOUBLE / n) / n + 0.960400 / (n * n)))
    / (1 + 3.841600 / n) END;

-- The cell key of a count (meedoen/privacy.py): the sum of the record keys `rk` of the records it counts,
-- modulo 2^48. Queries return it beside every count as `<count>__ck`: ck(sum(rk) FILTER (WHERE ...)).
CREATE OR REPLACE MACRO ck(s) AS (coalesce(s, 0) % 281474976710656)::UBIGINT;

-- Is a gemeente in the selected region? p_region is a code of any level (gemeente, arbeidsmarktregio,
-- provincie); NULL selects all of the Netherlands. gm, am, pv: the gemeente's codes at the three levels.
CREATE OR REPLACE MACRO in_region(p_region, gm, am, pv) AS (p_region IS NULL OR p_region IN (gm, am, pv));

-- The kinds of work, in the groups every count uses:
--   regular   = a regular job or a garantiebaan (what the targets call plaatsingen);
--   sheltered = beschut werk or alternatief beschut werk;
--   paid      = paid work: regular or beschut werk (paid work on a date, the employers' norm).
CREATE OR REPLACE MACRO is_regular(k) AS k IN ('regulier', 'garantiebaan');
CREATE OR REPLACE MACRO is_sheltered(k) AS k IN ('beschut_werk', 'alternatief_beschut');
CREATE OR REPLACE MACRO is_paid(k) AS k IN ('regulier', 'garantiebaan', 'beschut_werk');

-- The code of a gemeente's region at a level ('gemeente', 'arbeidsmarktregio', 'provincie', 'nl').
CREATE OR REPLACE MACRO region_at(p_level, gm, am, pv) AS
    CASE p_level WHEN 'gemeente' THEN gm WHEN 'arbeidsmarktregio' THEN am WHEN 'provincie' THEN pv ELSE 'NL' END;

-- The number of a date's month or quarter (for 'month' | 'quarter' buckets): much cheaper than date_trunc.
CREATE OR REPLACE MACRO bucket_ix(grain, d) AS
    CASE WHEN grain = 'quarter' THEN year(d) * 4 + (month(d) - 1) // 3 ELSE year(d) * 12 + month(d) - 1 END;

-- Placements in the selection: a region code of any level (NULL = all of the Netherlands),
-- a programme and a doelgroep (NULL = all), with the region columns attached.
-- `placements_m` is `placements` with the person key as a number (one-to-one) and `multi`: the person
-- has more than one trajectory. A person without `multi` is one row, so per-person questions group
-- only the `multi` rows and take the others as they are (same result, far less work).
CREATE OR REPLACE MACRO sel_placements(p_region, p_programme, p_doelgroep) AS TABLE
    SELECT p.*, r.gemeente_name, r.arbeidsmarktregio_code, r.arbeidsmarktregio_name,
           r.provincie_code, r.provincie_name
    FROM placements_m p JOIN regions r USING (gemeente_code)
    WHERE in_region(p_region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND (p_programme IS NULL OR p.programme = p_programme)
      AND (p_doelgroep IS NULL OR p.doelgroep = p_doelgroep);

-- Placement rate, per person:
--   looking = persons with a trajectory open in [s, e] (intake <= e, not ended before s)
--             that was not already placed before s: the people who needed work in the period;
--   placed  = persons with a placement dated in [s, e] (any kind of work).
CREATE OR REPLACE MACRO person_period(p_region, p_programme, p_doelgroep, s, e) AS TABLE
    SELECT person_key, rk, gemeente_code, arbeidsmarktregio_code, provincie_code,
           intake_date <= e AND (end_date IS NULL OR end_date >= s)
               AND (placement_date IS NULL OR placement_date >= s) AS looking,
           placement_date BETWEEN s AND e AS placed
    FROM sel_placements(p_region, p_programme, p_doelgroep)
    WHERE intake_date <= e AND NOT multi
    UNION ALL
    SELECT person_key, any_value(rk) AS rk, gemeente_code, arbeidsmarktregio_code, provincie_code,
           bool_or(intake_date <= e AND (end_date IS NULL OR end_date >= s)
                   AND (placement_date IS NULL OR placement_date >= s)) AS looking,
           bool_or(placement_date BETWEEN s AND e) AS placed
    FROM sel_placements(p_region, p_programme, p_doelgroep)
    WHERE intake_date <= e AND multi
    GROUP BY ALL;

-- Time to work, per person whose first placement lies in [s, e]: days from their first intake to
-- their first placement. A person with one trajectory is that row; others are grouped.
CREATE OR REPLACE MACRO first_work(p_region, p_programme, p_doelgroep, s, e) AS TABLE
    WITH per AS (
        SELECT doelgroep, person_key, rk, intake_date AS first_intake, placement_date AS first_placement
        FROM sel_placements(p_region, p_programme, p_doelgroep)
        WHERE NOT multi
        UNION ALL
        SELECT doelgroep, person_key, any_value(rk), min(intake_date) AS first_intake, min(placement_date) AS first_placement
        FROM sel_placements(p_region, p_programme, p_doelgroep)
        WHERE multi
        GROUP BY ALL
    )
    SELECT doelgroep, person_key, rk, date_diff('day', first_intake, first_placement) AS days
    FROM per
    WHERE first_placement BETWEEN s AND e;

-- Realised per gemeente, year and measure, counted within [s, e] (realised_k: the sum of its record keys):
--   plaatsingen       = persons placed in a regular job or garantiebaan;
--   werkleertrajecten = werkleertrajecten started (trajectories);
--   beschut_werk      = persons placed in beschut werk.
-- realised_in counts within a programme and doelgroep (NULL = all); the targets themselves cover all of them.
CREATE OR REPLACE MACRO realised_in(p_region, p_programme, p_doelgroep, s, e) AS TABLE
    WITH p AS (
        SELECT gemeente_code, year(placement_date) AS year, person_key, rk, work_kind, multi
        FROM sel_placements(p_region, p_programme, p_doelgroep)
        WHERE placement_date BETWEEN s AND e
    ), persons AS (  -- one-trajectory persons are their row; only `multi` rows need a DISTINCT
        SELECT gemeente_code, year, work_kind, sum(n)::BIGINT AS n, sum(k) AS k FROM (
            SELECT gemeente_code, year, work_kind, count(*) AS n, sum(rk) AS k FROM p WHERE NOT multi GROUP BY ALL
            UNION ALL
            SELECT gemeente_code, year, work_kind, count(DISTINCT person_key), sum(DISTINCT rk) FROM p WHERE multi GROUP BY ALL
        ) GROUP BY ALL
    )
    SELECT gemeente_code, year, 'plaatsingen' AS measure, realised, realised_k FROM (
        SELECT gemeente_code, year, sum(n)::BIGINT AS realised, sum(k) AS realised_k FROM (
            SELECT gemeente_code, year, count(*) AS n, sum(rk) AS k FROM p WHERE is_regular(work_kind) AND NOT multi GROUP BY ALL
            UNION ALL
            SELECT gemeente_code, year, count(DISTINCT person_key), sum(DISTINCT rk) FROM p WHERE is_regular(work_kind) AND multi GROUP BY ALL
        ) GROUP BY ALL)
    UNION ALL
    SELECT gemeente_code, year, 'werkleertrajecten', count(*), sum(rk) FROM p WHERE work_kind = 'werkleertraject' GROUP BY ALL
    UNION ALL
    SELECT gemeente_code, year, 'beschut_werk', n, k FROM persons WHERE work_kind = 'beschut_werk';
CREATE OR REPLACE MACRO realised(p_region, s, e) AS TABLE SELECT * FROM realised_in(p_region, NULL, NULL, s, e);

-- Targets joined to what was realised, per gemeente, year and measure, for the years that overlap [s, e].
CREATE OR REPLACE MACRO targets_vs_realised(p_region, s, e) AS TABLE
    SELECT t.gemeente_code, r.gemeente_name, t.year, t.measure, t.target,
           coalesce(x.realised, 0) AS realised, coalesce(x.realised_k, 0) AS realised_k
    FROM targets t
    JOIN regions r USING (gemeente_code)
    LEFT JOIN realised(p_region, s, e) x USING (gemeente_code, year, measure)
    WHERE in_region(p_region, r.gemeente_code, r.arbeidsmarktregio_code, r.provincie_code)
      AND t.year BETWEEN year(s) AND year(e);
