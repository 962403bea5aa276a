-- Tells every node's event stream what the batch changed (payloads of StoreEventPayloads, each under NOTIFY's 8000
-- bytes). Delivered only when the transaction commits, so a rolled-back batch tells nothing.
SELECT pg_notify('durq_events', payload) FROM unnest(@payloads::text[]) AS payload;
