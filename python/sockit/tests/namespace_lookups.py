# SPDX-License-Identifier: MIT
# Run by test_lookup_threads.py under `unshare -m -n` (a private network and mount namespace): brings lo
# up, binds over /etc/resolv.conf one naming 127.0.0.1 (timeout 1 s, one attempt), puts a DNS server on
# 127.0.0.1:53 — NSD with tests/peer's zone (argv[1] "nsd") or a socket that never answers ("silent") —
# and calls sockit.resolve (and, with NSD, sockit.dns.batch through resolv.conf) from 8 threads at once.
# Prints one JSON object: per thread its results and its start and end times. No query leaves the namespace.
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

import sockit
import test_dns_nsd

THREADS = 8


def private_resolver():
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    conf = tempfile.NamedTemporaryFile("w", delete=False, prefix="sockit-resolv-")
    conf.write("nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
    conf.close()
    subprocess.run(["mount", "--bind", conf.name, "/etc/resolv.conf"], check=True)
    os.unlink(conf.name)


def lookups(i, mode):
    """What thread i asks; returns its record."""
    start = time.monotonic()
    record = {}
    try:
        found = sockit.resolve(f"gen-{i}.test.sockit" if mode == "nsd" else f"slow-{i}.test.sockit", "53",
                               family=socket.AF_INET)
        record["resolve"] = sorted(str(entry[3]) for entry in found)
    except socket.gaierror as e:
        record["resolve_error"] = e.errno
    if mode == "nsd":
        names = [f"gen-{n}.test.sockit" for n in range(i * 100, i * 100 + 100)]
        record["batch"] = [[a["data"] for a in r["answer"]] for r in sockit.dns.batch(names, timeout=2)]
        record["www"] = sorted(str(e[3]) for e in sockit.resolve("www.test.sockit", family=socket.AF_INET6))
    record["start"], record["end"] = start, time.monotonic()
    return record


def main(mode):
    private_resolver()
    if mode == "nsd":
        test_dns_nsd.free_port_on_both = lambda *args, **kw: 53  # glibc asks port 53 only
        server = test_dns_nsd.NSD()
    else:
        server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        server.bind(("127.0.0.1", 53))
    records = [None] * THREADS
    ticks = [0]
    running = threading.Event()
    running.set()

    def tick():  # counts while the lookups wait: only runs when they have released the GIL
        while running.is_set():
            ticks[0] += 1
            time.sleep(0.001)

    def work(i):
        records[i] = lookups(i, mode)

    counter = threading.Thread(target=tick)
    counter.start()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    begin = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - begin
    running.clear()
    counter.join()
    if mode == "nsd":
        server.stop()
    print(json.dumps({"records": records, "elapsed": elapsed, "ticks": ticks[0]}))


if __name__ == "__main__":
    main(sys.argv[1])
