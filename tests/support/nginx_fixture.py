# SPDX-License-Identifier: MIT
# An nginx (Debian nginx-light) started for one test: its own config, pid, logs and temp paths in a temp dir,
# `daemon off; master_process off;`, listening on 127.0.0.1 and ::1 at a free high port. Reusable by any test:
#   with Nginx(root="/some/dir", server_conf="location /x { return 301 /y; }") as ng:
#       url = f"http://127.0.0.1:{ng.port}/"
import os
import shutil
import subprocess
import tempfile
import unittest

from sockit_test import bound, free_port_on_both, stop_process, wait_ready

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CONFIG = """\
daemon off;
master_process off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    types {{ text/html html; text/plain txt; application/octet-stream bin; application/json json; }}
    default_type application/octet-stream;
    sendfile on;
    keepalive_requests 100000;
{http_conf}
    server {{
{listen}
        server_name localhost;
        root {root};
{server_conf}
    }}
}}
"""


class Nginx:
    """nginx serving `root`, with extra directives inside server{} (server_conf) and http{} (http_conf).
    `addresses` are the listen addresses ("127.0.0.1", "[::1]"). start() returns the port; stop() ends it
    (also on exit of a `with` block). Skips the test when nginx is not installed."""

    def __init__(self, root, server_conf="", http_conf="", addresses=("127.0.0.1", "[::1]"), timeout=15):
        if not os.path.exists(NGINX):
            raise unittest.SkipTest("nginx is not installed (run scripts/install-deps)")
        self.root = os.path.abspath(root)
        self.server_conf = server_conf
        self.http_conf = http_conf
        self.addresses = addresses
        self.timeout = timeout
        self.prefix = None
        self.proc = None
        self.port = None

    def _config(self, port):
        listen = "\n".join(f"        listen {a}:{port};" for a in self.addresses)
        return CONFIG.format(prefix=self.prefix, root=self.root, listen=listen,
                             server_conf=self.server_conf, http_conf=self.http_conf)

    def error_log(self):
        try:
            with open(os.path.join(self.prefix, "error.log")) as f:
                return f.read()
        except OSError:
            return ""

    def start(self):
        self.prefix = tempfile.mkdtemp(prefix="sockit-nginx-")
        for attempt in range(5):  # another process may take the port between the check and nginx's bind
            port = free_port_on_both()
            conf = os.path.join(self.prefix, "nginx.conf")
            with open(conf, "w") as f:
                f.write(self._config(port))
            self.proc = subprocess.Popen([NGINX, "-c", conf, "-p", self.prefix + "/", "-e",
                                          os.path.join(self.prefix, "error.log")],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if wait_ready(self.proc, lambda: bound(port), self.timeout):
                self.port = port
                return port
            err = self.proc.stderr.read().decode(errors="replace") if self.proc.poll() is not None else ""
            self._kill()
            if "Address already in use" not in err + self.error_log():
                raise AssertionError(f"nginx did not start: {err}\n{self.error_log()}")
        raise AssertionError("nginx: no free port after 5 attempts")

    def _kill(self):
        if self.proc is None:
            return
        stop_process(self.proc)  # SIGTERM: nginx's fast shutdown
        if self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None

    def stop(self):
        self._kill()
        if self.prefix:
            shutil.rmtree(self.prefix, ignore_errors=True)
            self.prefix = None

    def url(self, path="/", host="127.0.0.1"):
        h = f"[{host}]" if ":" in host else host
        return f"http://{h}:{self.port}{path}"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
