"""gunicorn for the portal, behind nginx (deploy/nginx.conf). Read by `gunicorn -c` as Python.

Every value can be overridden from the environment, so one file serves `make serve` on a
laptop and a real server.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A worker stuck longer than this is killed and replaced; the database and Redis timeouts
# (settings) keep a normal request far below it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
# Restart workers now and then, so a slow leak never grows into an outage.
max_requests = 2000
max_requests_jitter = 200
# nginx is the only client; it sets X-Forwarded-Proto and X-Forwarded-For.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
pidfile = os.environ.get("GUNICORN_PIDFILE") or None

# Web requests never hold the database longer than this (management commands are exempt:
# a migration or a backup may legitimately run for minutes).
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "5000")
