"""gunicorn settings for an Earned Secure app server (deploy/README.md). Every value can come from the environment.

    gunicorn -c deploy/gunicorn.conf.py earnedsecure.wsgi:application

Threads, not more processes: a request waits mostly on the database, and each process holds the app's memory
once (the language models, the content); docs/scaling.md has the measured trade-off.
"""

import os

bind = os.environ.get("EARNEDSECURE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("EARNEDSECURE_WORKERS", "2"))
threads = int(os.environ.get("EARNEDSECURE_THREADS", "4"))
worker_class = "gthread"

# Graceful shutdown: on SIGTERM gunicorn stops accepting, lets requests in flight finish for up to this many
# seconds, then stops. A diary entry being saved is never cut off by a deploy or a scale-down.
graceful_timeout = int(os.environ.get("EARNEDSECURE_GRACEFUL_TIMEOUT", "30"))
timeout = 60  # a worker silent this long is restarted (a research export streams, so it is never silent)
keepalive = 5
# Restart each process after a few thousand requests (with jitter, so not all at once): bounds slow leaks.
max_requests = 5000
max_requests_jitter = 500

# No access log from gunicorn: its lines carry the path and query (ids, reset keys) and the client's address.
# The app writes its own request line, with the route's name only (core/logs.py, EARNEDSECURE_LOG_FORMAT=json).
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "earnedsecure.core.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}

# The proxy in front is the only one allowed to say the request came over HTTPS (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("EARNEDSECURE_FORWARDED_ALLOW_IPS", "127.0.0.1")
# A long request line or too many headers is refused before Django (the body limit is core/failsafe.py's).
limit_request_line = 8190
limit_request_fields = 100
