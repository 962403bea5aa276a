-- wrk script: single-task enqueue, the seed's body shape.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"activity_type":"bench.noop","input":{"n":1},"options":{"max_attempts":3,"priority":10}}'
