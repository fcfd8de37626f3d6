# SPDX-License-Identifier: MIT
# sockit.dns: DNS queries through sockit's query engine (one query, or a batch in flight at once).
"""DNS queries through sockit's query engine: query() one name, batch() many at once. Both release the
GIL while they wait, so other Python threads run meanwhile."""

from ._sockit import dns as _dns

query = _dns.query
batch = _dns.batch

__all__ = ["query", "batch"]
