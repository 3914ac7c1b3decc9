-- region_parents: the arbeidsmarktregio and provincie of every gemeente, for region restrictions of signed-in users.
-- returns: gemeente_code, arbeidsmarktregio_code, provincie_code
-- params: none
-- protect: none
-- aggregates: none (reads the regions table only)
SELECT gemeente_code, arbeidsmarktregio_code, provincie_code FROM regions ORDER BY gemeente_code
