# SPDX-License-Identifier: MIT
# sockit: the toolkit's library from Python (the _sockit extension, pybind11): addresses and networks in
# the shape of ipaddress, bulk parsing, name resolution, DNS queries, pcap decoding.
"""sockit: IP addresses and networks (the shape of ipaddress, faster), bulk parsing and classification,
getaddrinfo, DNS queries (sockit.dns) and pcap decoding, over the sockit C++ library.

Start with help(sockit.ip_address), help(sockit.ip_network), help(sockit.dns)."""

from . import dns
from ._sockit import (AddressValueError, NetmaskValueError, address_array, classify, collapse_addresses,
                      decode_pcap, ip_address, ip_network, parse_addresses, resolve, summarize_address_range)

__all__ = [
    "AddressValueError", "NetmaskValueError", "address_array", "classify", "collapse_addresses", "decode_pcap",
    "dns", "ip_address", "ip_network", "parse_addresses", "resolve", "summarize_address_range",
]
