# SPDX-License-Identifier: MIT
# Name lookups with glibc's own resolver, kept on the machine: `run_offline` runs a sockit command inside
# a private network + mount namespace (unshare -m -n; root) whose loopback is up and whose /etc/resolv.conf
# is bound over by one naming 127.0.0.1, where a stub DNS server answers every query NXDOMAIN, or, with
# stub=False, nothing listens (glibc is refused and reports "temporary failure", EAI_AGAIN). No query
# ever leaves the namespace.
import json
import subprocess
import unittest

from sockit_test import SOCKIT, need

PYTHON = "/usr/bin/python3"

# Runs inside the namespaces: argv[1] is "stub" or "none", the rest the command; prints its outcome as JSON.
OFFLINE = r'''
import json, os, socket, subprocess, sys, tempfile, threading
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
conf = tempfile.NamedTemporaryFile("w", delete=False, prefix="sockit-resolv-")
conf.write("nameserver 127.0.0.1\noptions timeout:2 attempts:1\n")
conf.close()
subprocess.run(["mount", "--bind", conf.name, "/etc/resolv.conf"], check=True)
os.unlink(conf.name)
def serve(stub):
    while True:
        q, peer = stub.recvfrom(512)
        if len(q) < 17:
            continue
        end = 12
        while end < len(q) and q[end] != 0:
            end += q[end] + 1
        end += 5  # the root label, QTYPE, QCLASS
        # same ID, QR + RD + RA, RCODE 3 (NXDOMAIN); the question echoed, no records
        stub.sendto(q[:2] + bytes([0x81, 0x83]) + b"\x00\x01\x00\x00\x00\x00\x00\x00" + q[12:end], peer)
if sys.argv[1] == "stub":
    stub = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    stub.bind(("127.0.0.1", 53))
    threading.Thread(target=serve, args=(stub,), daemon=True).start()
p = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=30)
print(json.dumps({"rc": p.returncode, "stdout": p.stdout, "stderr": p.stderr}))
'''


def run_offline(*args, stub=True):
    """Runs `sockit ARGS` offline (see above); returns {rc, stdout, stderr}. Skips the test where no
    namespace can be made (not root, no unshare)."""
    need("unshare")
    need("ip")
    proc = subprocess.run(["unshare", "-m", "-n", PYTHON, "-c", OFFLINE, "stub" if stub else "none", SOCKIT,
                           *map(str, args)], capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise unittest.SkipTest(f"cannot create a network namespace here: {proc.stderr.strip()}")
    return json.loads(proc.stdout)
