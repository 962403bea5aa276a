"""A Durq worker in Python with the standard library alone, following docs/worker-protocol.md step by step.

It walks one activity type through the whole protocol against a real server, checking each answer:

    python3 durq_worker.py <server URL> <activity type>      (DURQ_API_KEY, if set, is sent as the Bearer key)

It prints one JSON line, {"completed": [ids]}, and exits non-zero at the first answer that is not as documented.
"""

import json
import os
import sys
import threading
import urllib.error
import urllib.request

API = "/api/v1/durable"


class Durq:
    """The HTTP calls of the protocol: JSON in, (status, headers, JSON) out; a problem document is an answer too."""

    def __init__(self, base_url, api_key=None):
        self.base_url = base_url.rstrip("/") + API
        # Every state change carries a JSON content type, with a body or without (docs/security.md).
        self.headers = {"Content-Type": "application/json"}
        if api_key:
            self.headers["Authorization"] = "Bearer " + api_key

    def call(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers={**self.headers, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.headers, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, error.headers, json.load(error)

    def expect(self, status, method, path, body=None, headers=None):
        got, answer_headers, answer = self.call(method, path, body, headers)
        if got != status:
            raise AssertionError(f"{method} {path}: expected {status}, got {got}: {answer}")
        return answer_headers, answer


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def main(base_url, activity_type):
    durq = Durq(base_url, os.environ.get("DURQ_API_KEY"))
    worker = f"py-worker-{os.getpid()}"

    def enqueue(task_input, max_attempts, key):
        body = {"activity_type": activity_type, "input": task_input, "options": {"max_attempts": max_attempts}}
        return durq.call("POST", "/tasks", body, {"Idempotency-Key": key})

    def claim(wait_ms):
        body = {"worker_id": worker, "activity_types": [activity_type], "max_tasks": 1, "wait_ms": wait_ms}
        _, answer = durq.expect(200, "POST", "/tasks/claim", body)
        check(len(answer["tasks"]) == 1, f"claim: no task within {wait_ms} ms")
        return answer["tasks"][0]

    def complete(task, result):
        _, done = durq.expect(200, "POST", f"/tasks/{task['id']}/complete", {"lease_id": task["lease_id"], "result": result})
        check(done["status"] == "completed", "complete: the task is not completed")

    # 1. Register (optional, recommended).
    _, registered = durq.expect(200, "PUT", f"/workers/{worker}",
                                {"activity_types": [activity_type], "max_concurrency": 1, "hostname": "e2e"})
    check(registered["status"] == "active", "register: the worker is not active")

    # 2. Claim with a long-poll: it waits, with nothing ready, until the enqueue below wakes it.
    claimed = {}
    waiting = threading.Thread(target=lambda: claimed.update(task=claim(20000)))
    waiting.start()
    key = f"py-{os.getpid()}-ok"
    status, headers, first = enqueue({"greeting": "hello"}, 3, key)
    check(status == 201, f"enqueue: {status} {first}")
    check(headers["Location"] == f"{API}/tasks/{first['task_id']}", "enqueue: no Location")
    status, headers, replay = enqueue({"greeting": "hello"}, 3, key)
    check(status == 200 and replay["task_id"] == first["task_id"], "enqueue again: not the first task")
    check(headers["Idempotent-Replayed"] == "true", "enqueue again: not marked replayed")
    waiting.join()
    task = claimed.get("task")
    check(task is not None and task["id"] == first["task_id"] and task["attempt"] == 1, "claim: not the enqueued task")

    # 3. Heartbeat while working; 4. report the outcome.
    _, beat = durq.expect(200, "POST", f"/tasks/{task['id']}/heartbeat", {"lease_id": task["lease_id"], "details": {"progress": 50}})
    check(beat["should_cancel"] is False, "heartbeat: asked to cancel")
    complete(task, {"echoed": task["input"]})

    # A task that fails for good goes to the dead-letter queue, and a retry from there runs it again.
    status, _, doomed = enqueue({"fail": True}, 1, f"py-{os.getpid()}-doomed")
    check(status == 201, f"enqueue doomed: {status} {doomed}")
    run = claim(5000)
    check(run["id"] == doomed["task_id"], "claim: not the doomed task")
    _, failure = durq.expect(200, "POST", f"/tasks/{run['id']}/fail",
                             {"lease_id": run["lease_id"], "error": {"message": "no such mailbox", "type": "MailboxMissing"},
                              "retryable": False})
    check(failure["status"] == "dead" and failure["will_retry"] is False, "fail: the task is not dead")
    _, dead = durq.expect(200, "GET", f"/dlq?activity_type={activity_type}&limit=10")
    listed = [t for t in dead["data"] if t["id"] == run["id"]]
    check(listed and listed[0]["errors"][0]["type"] == "MailboxMissing", "dlq list: the dead task or its error is missing")
    _, again = durq.expect(200, "POST", f"/dlq/{run['id']}/retry")
    check(again["status"] == "pending" and again["requeue_count"] == 1, "dlq retry: the task is not pending again")
    rerun = claim(5000)
    check(rerun["id"] == run["id"], "claim: not the retried task")
    complete(rerun, "delivered after all")

    _, done = durq.expect(200, "GET", f"/tasks?status=completed&activity_type={activity_type}&limit=10")
    completed = [t["id"] for t in done["data"]]
    check(len(completed) == 2, f"list: {len(completed)} completed tasks, not 2")

    # 6. Leave.
    _, left = durq.expect(200, "DELETE", f"/workers/{worker}")
    check(left["released_tasks"] == 0, "deregister: tasks were still held")
    print(json.dumps({"completed": completed}))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 durq_worker.py <server URL> <activity type>")
    main(sys.argv[1], sys.argv[2])
