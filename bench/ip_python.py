#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Python side of bench/ip.sh: makes the shared inputs, and times Python's ipaddress parsing and
# classifying them (the same predicates as bench_ip's parse_classify).
#   ip_python.py generate N FILE   N random addresses (half IPv4, half IPv6, some special), one per line
#   ip_python.py time FILE         prints the best of 3 runs, in CPU nanoseconds per input
import ipaddress
import random
import sys
import time


def generate(n, path):
    rng = random.Random(5952)
    with open(path, "w") as f:
        for i in range(n):
            if i % 2:
                f.write(f"{ipaddress.IPv4Address(rng.getrandbits(32))}\n")
            else:
                groups = [rng.getrandbits(16) for _ in range(8)]
                start, length = 2 + rng.randrange(3), rng.randrange(6)
                for g in range(start, min(8, start + length)):
                    groups[g] = 0
                f.write(f"{ipaddress.IPv6Address(':'.join(f'{g:x}' for g in groups))}\n")


def classify(texts):
    n = 0
    for t in texts:
        try:
            a = ipaddress.ip_address(t)
        except ValueError:
            continue
        n += (a.is_private + a.is_global + a.is_loopback + a.is_link_local + a.is_multicast + a.is_reserved
              + a.is_unspecified + (a.version == 6 and a.is_site_local))
    return n


def timing(path):
    texts = open(path).read().split()
    best = None
    for _ in range(3):
        start = time.process_time_ns()
        classify(texts)
        elapsed = time.process_time_ns() - start
        best = elapsed if best is None else min(best, elapsed)
    print(best / len(texts))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "time":
        timing(sys.argv[2])
    else:
        sys.exit("usage: ip_python.py generate N FILE | time FILE")
