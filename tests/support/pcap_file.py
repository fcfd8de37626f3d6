# SPDX-License-Identifier: MIT
# pcap_file: recording traffic on an interface with tcpdump -w for a test, and reading how many records a
# pcap file that a recorder is still writing holds.
import struct
import subprocess
import time


def pcap_records(path):
    """How many whole records a pcap file (microsecond, either byte order) holds so far."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return 0
    if len(data) < 24:
        return 0
    order = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    count, at = 0, 24
    while at + 16 <= len(data):
        caplen = struct.unpack(order + "I", data[at + 8:at + 12])[0]
        if at + 16 + caplen > len(data):
            break
        at += 16 + caplen
        count += 1
    return count


class tcpdump_recording:
    """`with tcpdump_recording(path, expr, want=N) as rec:` records on lo (root) what expr selects into path:
    entering waits (bounded) until tcpdump listens; leaving waits (bounded) until at least `want` records
    are in the file (a loaded machine can leave tcpdump behind by seconds, and what is still in its socket
    buffer at SIGTERM is lost), then stops it. rec.stderr holds what tcpdump said, for failure messages."""

    def __init__(self, path, expr, want=1, iface="lo"):
        self.path, self.expr, self.want, self.iface = path, expr, want, iface
        self.stderr = ""

    def __enter__(self):
        self.proc = subprocess.Popen(["tcpdump", "-i", self.iface, "--immediate-mode", "-U", "-n", "-w", self.path,
                                      self.expr], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        line = b""
        while b"listening" not in line and time.monotonic() < deadline:
            line = self.proc.stderr.readline()
        return self

    def __exit__(self, *exc):
        try:
            deadline = time.monotonic() + 30
            while exc[0] is None and time.monotonic() < deadline and pcap_records(self.path) < self.want:
                time.sleep(0.05)
            time.sleep(0.3)
        finally:
            self.proc.terminate()
            _, err = self.proc.communicate(timeout=20)
            self.stderr = f"{pcap_records(self.path)} packets recorded; tcpdump said: {err.decode(errors='replace')}"
