SELECT pg_advisory_unlock(1685418609, hashtext(current_schema()));
