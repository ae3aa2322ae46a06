-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- One open renewal per card, enforced by the database: open_card_id is the card's id while the renewal
-- is STARTED or ISSUED and NULL once it is finished; a UNIQUE constraint allows many NULLs but one value.

ALTER TABLE renewal ADD COLUMN open_card_id BIGINT;

-- Older data may hold several open renewals of one card: keep the newest, cancel the rest.
UPDATE certificate SET status = 'REVOKED', status_changed_at = CURRENT_TIMESTAMP
 WHERE status = 'PENDING' AND issued_by_renewal IN (
       SELECT r.id FROM renewal r WHERE r.state IN ('STARTED', 'ISSUED') AND r.started_at < (
              SELECT MAX(n.started_at) FROM renewal n WHERE n.card_id = r.card_id AND n.state IN ('STARTED', 'ISSUED')));
UPDATE renewal SET state = 'CANCELLED', finished_at = CURRENT_TIMESTAMP
 WHERE state IN ('STARTED', 'ISSUED') AND started_at < (
       SELECT MAX(n.started_at) FROM renewal n WHERE n.card_id = renewal.card_id AND n.state IN ('STARTED', 'ISSUED'));
UPDATE renewal SET open_card_id = card_id WHERE state IN ('STARTED', 'ISSUED');

ALTER TABLE renewal ADD CONSTRAINT renewal_one_open_per_card UNIQUE (open_card_id);

-- RFC 5280 CRLReason code of a REVOKED or SUPERSEDED certificate (NULL while PENDING or CURRENT).
ALTER TABLE certificate ADD COLUMN revocation_reason INTEGER;
UPDATE certificate SET revocation_reason = 4 WHERE status = 'SUPERSEDED';
UPDATE certificate SET revocation_reason = 5 WHERE status = 'REVOKED';
CREATE INDEX certificate_status_idx ON certificate (status);
