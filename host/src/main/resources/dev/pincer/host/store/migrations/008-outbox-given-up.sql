-- A reply its channel refused for good (Undeliverable): no longer pending, never retried.
ALTER TABLE outbox ADD COLUMN given_up_at TEXT
