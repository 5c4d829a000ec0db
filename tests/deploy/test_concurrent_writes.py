"""Many people writing at once through several real app servers lose nothing: every entry is answered 201,
stored once, and reads back as written.

PostgreSQL: ten thousand diary entries from 20 clients (two tabs each for ten people) spread over four gunicorn
servers on their own ports. SQLite, the one-person default, has one server: the same through `earnedsecure
serve` (waitress) at a smaller count.
"""

import json
import random
import threading

from django.db import connection
from mix import Browser
from seed import LOAD_PASSWORD, username
from servers import earnedsecure, free_port, start_gunicorn, start_waitress, stop, wait_ready

from tests.deploy.conftest import seed

READ_BACK = """
import json
from earnedsecure.diary.models import Activation
rows = Activation.objects.filter(owner__username__startswith="load").select_related("owner")
print(json.dumps(sorted([row.owner.username, row.thought] for row in rows)))
"""


def test_ten_thousand_concurrent_diary_writes_lose_nothing(server_env):
    on_postgres = connection.vendor == "postgresql"
    servers, clients, each = (4, 20, 500) if on_postgres else (1, 8, 125)
    people = clients // 2
    seed(server_env, people=people)
    ports = [free_port() for _ in range(servers)]
    processes = [
        start_gunicorn(server_env, port=port, workers=1, threads=4)
        if on_postgres
        else start_waitress(server_env, port=port, threads=8)
        for port in ports
    ]
    statuses: list[int] = []
    lock = threading.Lock()
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_ready(port, process)
        browsers = [
            Browser("127.0.0.1", ports[n % servers]).sign_in(username(n % people), LOAD_PASSWORD)
            for n in range(clients)
        ]
        start_line = threading.Barrier(clients)

        def client(n: int) -> None:
            rng = random.Random(n)
            seen = []
            start_line.wait()
            for i in range(each):
                body = {"trigger": "threat", "intensity": rng.randint(0, 10), "thought": f"client {n} entry {i}"}
                try:
                    status, _ = browsers[n].send(
                        "POST", "/api/v1/diary/activations", json.dumps(body), "application/json"
                    )
                except OSError:
                    status = 0
                seen.append(status)
            with lock:
                statuses.extend(seen)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for process in processes:
            stop(process)

    sent = clients * each
    assert len(statuses) == sent
    assert statuses.count(201) == sent, {status: statuses.count(status) for status in set(statuses)}
    stored = json.loads(earnedsecure("manage", "shell", "-c", READ_BACK, env=server_env).stdout.splitlines()[-1])
    expected = sorted([username(n % people), f"client {n} entry {i}"] for n in range(clients) for i in range(each))
    assert len(stored) == sent
    assert stored == expected  # each entry once, with its owner and its words
