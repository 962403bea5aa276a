-- The stored rows of the given activity types, if they have any, locked: a completion writes a type's row back (its
-- breaker) without the tenant's count lock that claims hold, so it reads the row under the row's own lock, and a claim
-- committing tokens or a probe on another node is never written over with what it read before.
SELECT * FROM durq_activity_types
WHERE tenant = @tenant AND activity_type = ANY (@activity_types)
ORDER BY activity_type
FOR UPDATE;
