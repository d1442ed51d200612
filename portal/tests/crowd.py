"""A crowd of people sending one request each at the same moment, over real HTTP.

The concurrency tests of the apps use it against pytest-django's `live_server`:
every request is served by its own server thread with its own database
connection, as under `make run` or gunicorn, so they meet the database's
locking for real (the test client would run them in this process, one at a time
per thread, and on SQLite share one connection).
"""

import http.client
import json
import threading
from urllib.parse import urlsplit

from portal.accounts.tokens import issue_token

TIMEOUT = 60


def tokens_for(users):
    return [issue_token(user, name="crowd test") for user in users]


def post_all_at_once(base_url, path, tokens, body=None):
    """POST `body` (JSON) to `path`, once per token, all released together.

    Returns [(status, parsed JSON body)] in the order of `tokens`."""
    return post_each_at_once(base_url, [(path, token, body) for token in tokens])


def post_each_at_once(base_url, requests):
    """POST each (path, token, JSON body) of `requests`, all released together:
    different people doing different things to one thing at the same moment.

    Returns [(status, parsed JSON body)] in the order of `requests`. Each
    connection is opened before the start: Django's test server listens with a
    backlog of ten, and thirty connections arriving together would overflow it
    and be reset by the kernel before Django saw them. The requests themselves
    are sent at the same moment."""
    address = urlsplit(base_url)
    connections = []
    for _ in requests:
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=TIMEOUT)
        connection.connect()
        connections.append(connection)
    start = threading.Barrier(len(requests))
    results = [None] * len(requests)
    errors = []

    def send(index):
        connection = connections[index]
        path, token, body = requests[index]
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        try:
            start.wait()
            connection.request("POST", path, body=json.dumps(body or {}), headers=headers)
            response = connection.getresponse()
            raw = response.read()
            results[index] = (response.status, _parse(raw))
        except Exception as exc:  # reported below with the others, never swallowed
            errors.append(f"request {index}: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT + 5)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads), "a request did not finish"
    return results


def _parse(raw):
    try:
        return json.loads(raw)
    except ValueError:
        # A 500 with DEBUG off is an HTML page: keep its start for the failure message.
        return raw[:300].decode(errors="replace")
