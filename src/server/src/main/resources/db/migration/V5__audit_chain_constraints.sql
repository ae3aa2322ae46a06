-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Every event has its place in the chain and its hashes (V4 chained the older ones); one event per place.

ALTER TABLE audit_event ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE audit_event ALTER COLUMN previous_hash SET NOT NULL;
ALTER TABLE audit_event ALTER COLUMN row_hash SET NOT NULL;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_chain_seq_unique UNIQUE (chain_seq);
