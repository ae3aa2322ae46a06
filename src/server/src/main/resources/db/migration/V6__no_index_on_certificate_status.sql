-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Every status change (four a renewal) updates one certificate by id: "WHERE id = ? AND status = ?". Until H2 has
-- analysed the table it rates an index on status as good as the primary key, plans that update through the
-- status index and reads every certificate of that status (all the current ones) to change one; the plan is
-- kept in the session's statement cache. A status has three or four values: the index never narrows a search
-- much (the CRL finds its issuer's certificates through the issuer and serial index), and on PostgreSQL an
-- indexed status also stops status changes from being heap-only updates. Nothing needs it.

DROP INDEX certificate_status_idx;
