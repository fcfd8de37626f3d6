# SPDX-License-Identifier: MIT
# `sockit ifaces`, `resolve`, `rdns`, `service`: differential against iproute2 (`ip -j`) and Python's
# socket module, and every bad input's exit code. Lookups of names that are not in /etc/hosts run inside a
# network namespace whose resolv.conf points at a stub DNS server on its own loopback (answers NXDOMAIN), so
# no query ever leaves the machine.
import json
import socket
import subprocess
import unittest

from offline_dns import run_offline
from sockit_test import EX_NOHOST, EX_OK, EX_USAGE, need, run, run_json

PYTHON = "/usr/bin/python3"

class Ifaces(unittest.TestCase):
    def reference(self):
        need("ip")
        out = subprocess.run(["ip", "-j", "addr", "show"], capture_output=True, text=True, check=True).stdout
        return {i["ifname"]: i for i in json.loads(out)}

    def test_json_agrees_with_iproute2(self):
        mine = {i["name"]: i for i in run_json("ifaces")}
        ref = self.reference()
        self.assertEqual(set(mine), set(ref))
        for name, want in ref.items():
            got = mine[name]
            self.assertEqual(got["index"], want["ifindex"], name)
            self.assertEqual(got["mtu"], want["mtu"], name)
            if "address" in want and want.get("link_type") in ("ether", "loopback"):
                self.assertEqual(got["mac"], want["address"], name)
            # ip prints the interesting flags (not RUNNING): each must be among ours
            self.assertLessEqual({f.lower() for f in want["flags"]}, set(got["flags"]), name)
            self.assertEqual(sorted((a["address"], a["prefix_length"]) for a in got["addresses"]),
                             sorted((a["local"], a["prefixlen"]) for a in want.get("addr_info", [])), name)
            for a in got["addresses"]:  # link-local IPv6 carries its interface as zone
                if a["address"].startswith("fe80:"):
                    self.assertEqual(a.get("zone"), name)

    def test_text_lists_every_interface(self):
        lines = run("ifaces", check=EX_OK).stdout.splitlines()
        self.assertEqual(lines[0].split(), ["index", "name", "mtu", "link", "mac", "flags", "addresses"])
        names = {l.split()[1] for l in lines[1:] if l[:1].isdigit()}
        self.assertEqual(names, set(self.reference()))
        self.assertIn("127.0.0.1/8", run("ifaces", "lo", check=EX_OK).stdout)

    def test_unknown_interface(self):
        proc = run("ifaces", "nosuchif0")
        self.assertEqual(proc.returncode, EX_USAGE)
        self.assertEqual(proc.stderr, "sockit ifaces: 'nosuchif0': no such interface\n")


class Resolve(unittest.TestCase):
    def python_addresses(self, host, service=None, family=0, socktype=socket.SOCK_STREAM):
        seen = []
        for fam, _, _, _, sa in socket.getaddrinfo(host, service, family, socktype):
            item = (sa[0], sa[1])
            if item not in seen:
                seen.append(item)
        return seen

    def test_agrees_with_python_getaddrinfo(self):
        rows = [  # (arguments, host, service, family, socktype)
            (["localhost"], "localhost", None, 0, socket.SOCK_STREAM),             # /etc/hosts
            (["localhost", "http"], "localhost", "http", 0, socket.SOCK_STREAM),   # with a service
            (["::1", "443"], "::1", "443", 0, socket.SOCK_STREAM),                 # IPv6 literal
            (["127.0.0.1", "domain", "--udp"], "127.0.0.1", "domain", 0, socket.SOCK_DGRAM),  # UDP service
            (["localhost", "-4"], "localhost", None, socket.AF_INET, socket.SOCK_STREAM),     # IPv4 only
        ]
        for args, host, service, family, socktype in rows:
            with self.subTest(args=args):
                doc = run_json("resolve", *args)
                got = [(a["address"], a.get("port", 0)) for a in doc["addresses"]]
                self.assertEqual(got, self.python_addresses(host, service, family, socktype))
                self.assertEqual(doc["host"], host)
                self.assertEqual(doc["service"], service)

    def test_all_socket_types_and_canonical_name(self):
        doc = run_json("resolve", "127.0.0.1", "80", "--all")
        self.assertEqual([a["socktype"] for a in doc["addresses"]], ["stream", "dgram", "raw"])
        self.assertEqual([a["protocol"] for a in doc["addresses"]], ["tcp", "udp", "ip"])
        self.assertEqual(run_json("resolve", "localhost", "--canon")["canonical_name"], "localhost")
        out = run("resolve", "localhost", "--canon", check=EX_OK).stdout
        self.assertTrue(out.startswith("canonical name: localhost\n"))
        self.assertIn("127.0.0.1", out)

    def test_bad_input(self):
        rows = [  # (arguments, exit code, stderr)
            (["127.0.0.1", "70000"], EX_USAGE, "sockit resolve: service '70000': port out of range (0-65535)\n"),
            (["127.0.0.1", "no-such-service"], EX_NOHOST, None),  # unknown service name
            (["127.0.0.1", "-6"], EX_NOHOST, None),                # an IPv4 literal has no IPv6 address
            (["localhost", "-4", "-6"], EX_USAGE, None),            # conflicting flags
            ([""], EX_USAGE, None),                                 # empty host
            ([], EX_USAGE, None),                                   # no host
        ]
        for args, code, err in rows:
            with self.subTest(args=args):
                proc = run("resolve", *args)
                self.assertEqual(proc.returncode, code, proc.stderr)
                self.assertEqual(len(proc.stderr.splitlines()), 1, proc.stderr)
                self.assertTrue(proc.stderr.startswith("sockit resolve: "))
                if err is not None:
                    self.assertEqual(proc.stderr, err)

    def test_unknown_host_offline(self):
        res = run_offline("resolve", "no-such-host.invalid")
        self.assertEqual(res["rc"], EX_NOHOST, res)
        self.assertEqual(res["stderr"], "sockit resolve: no-such-host.invalid: Name or service not known\n")


class Rdns(unittest.TestCase):
    def test_loopback_agrees_with_python(self):
        want = socket.getnameinfo(("127.0.0.1", 0), socket.NI_NAMEREQD)[0]
        self.assertEqual(run_json("rdns", "127.0.0.1"),
                         [{"address": "127.0.0.1", "name": want, "error": None}])
        self.assertEqual(run("rdns", "127.0.0.1", check=EX_OK).stdout.split(), ["127.0.0.1", want])

    def test_bad_address_is_usage(self):
        for arg in ["1.2.3", "localhost", "::1::2", "fe80::1%nosuchif0"]:
            with self.subTest(arg=arg):
                proc = run("rdns", arg)
                self.assertEqual(proc.returncode, EX_USAGE)
                self.assertEqual(len(proc.stderr.splitlines()), 1)
                self.assertIn(f"'{arg}'", proc.stderr)

    def test_no_name_offline(self):
        res = run_offline("rdns", "127.0.0.1", "192.0.2.1")
        self.assertEqual(res["rc"], EX_NOHOST, res)
        self.assertIn("127.0.0.1", res["stdout"])  # the others are still answered
        self.assertEqual(res["stderr"], "sockit rdns: 192.0.2.1: no name for this address "
                                        "(Name or service not known)\n")
        res = run_offline("rdns", "192.0.2.1", "--json")
        self.assertEqual(res["rc"], EX_NOHOST)
        doc = json.loads(res["stdout"])
        self.assertEqual(doc[0]["name"], None)
        self.assertIn("no name", doc[0]["error"])


class Service(unittest.TestCase):
    def test_ports_to_names_agree_with_python(self):
        rows = [(80, "tcp"), (22, "tcp"), (443, "tcp"), (25, "tcp"), (53, "udp"), (123, "udp")]  # (port, proto)
        for port, proto in rows:
            with self.subTest(port=port, proto=proto):
                want = socket.getservbyport(port, proto)
                extra = ["--udp"] if proto == "udp" else []
                self.assertEqual(run("service", port, *extra, check=EX_OK).stdout, want + "\n")
                self.assertEqual(run("service", want, *extra, check=EX_OK).stdout, f"{port}\n")

    def test_json_and_several(self):
        self.assertEqual(run_json("service", "80", "ssh"),
                         [{"port": 80, "name": "http", "protocol": "tcp"},
                          {"port": 22, "name": "ssh", "protocol": "tcp"}])

    def test_bad_input(self):
        rows = [  # (arguments, exit code, stderr)
            (["70000"], EX_USAGE, "sockit service: 70000: port out of range (0-65535)\n"),
            (["65000"], EX_NOHOST, "sockit service: 65000/tcp: no service name for this port\n"),
            (["no-such-service"], EX_NOHOST, "sockit service: no-such-service/tcp: unknown service name\n"),
            ([""], EX_USAGE, "sockit service: '': empty service name\n"),
        ]
        for args, code, err in rows:
            with self.subTest(args=args):
                proc = run("service", *args)
                self.assertEqual((proc.returncode, proc.stderr), (code, err))


if __name__ == "__main__":
    unittest.main()
