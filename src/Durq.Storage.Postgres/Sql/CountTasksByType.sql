-- Each activity type's unfinished and dead tasks, and its oldest task's creation time, over the status index.
SELECT activity_type, status, count(*), min(created_at) FROM durq_tasks
WHERE tenant = @tenant AND status IN ('pending', 'claimed', 'dead')
GROUP BY activity_type, status;
