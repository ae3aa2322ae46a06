-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- The audit trail becomes a hash chain: every event names who acted, for which request and from where,
-- holds its place in the chain (chain_seq) and the SHA-256 of the event before it; row_hash covers the
-- event's own fields and that previous hash (AuditChain). The one head row is locked (SELECT ... FOR
-- UPDATE) by every writer, so two server processes on one database append one after another.
-- V4 (Java) chains the events written before this migration.

ALTER TABLE audit_event ADD COLUMN actor VARCHAR(200);
ALTER TABLE audit_event ADD COLUMN request_id VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN client_address VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_event ADD COLUMN previous_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN row_hash VARCHAR(64);

CREATE TABLE audit_chain_head (
    id         INTEGER     PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);

INSERT INTO audit_chain_head (id, last_seq, last_hash)
     VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Which server process runs the timeout sweep: one lease row, taken by the first node whose lease expired.
CREATE TABLE sweep_lease (
    id           INTEGER      PRIMARY KEY,
    holder       VARCHAR(100) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO sweep_lease (id, holder, expires_at) VALUES (1, 'nobody', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
