-- Ends the batch's transaction. Sent as the last statement of the batch's closing round trip (after the task inserts,
-- counts, totals and announcements) rather than as a round trip of its own; the writer answers its callers only once
-- this statement has completed, so every answer still means "durable" (synchronous_commit).
COMMIT;
