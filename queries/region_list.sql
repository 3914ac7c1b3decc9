-- region_list: every region at every level, for the region filter and names.
-- returns: level, code, name, parent_code (arbeidsmarktregio of a gemeente, else NULL), inwoners
-- params: none
-- protect: none
-- aggregates: none (reads the regions table only)
SELECT 'gemeente' AS level, gemeente_code AS code, gemeente_name AS name, arbeidsmarktregio_code AS parent_code, inwoners
FROM regions
UNION ALL
SELECT 'arbeidsmarktregio', arbeidsmarktregio_code, any_value(arbeidsmarktregio_name), NULL, sum(inwoners)
FROM regions GROUP BY arbeidsmarktregio_code
UNION ALL
SELECT 'provincie', provincie_code, any_value(provincie_name), NULL, sum(inwoners)
FROM regions GROUP BY provincie_code
ORDER BY level, name;
