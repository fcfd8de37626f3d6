# SPDX-License-Identifier: MIT
# pcap_file: reading the record count of a pcap file that a recorder (tcpdump -w) is still writing.
import struct


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
