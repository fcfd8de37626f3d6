# SPDX-License-Identifier: MIT
# Type stubs of sockit.dns.
from typing import Any, Iterable

_Server = str | tuple[str, int]

def query(name: str, type: str = "A", server: _Server | list[_Server] | None = None, timeout: float = 5.0,
          tries: int = 3, tcp: bool = False) -> dict[str, Any]: ...
def batch(names: Iterable[str | tuple[str, str]], type: str = "A", server: _Server | list[_Server] | None = None,
          timeout: float = 5.0, tries: int = 3, tcp: bool = False, in_flight: int = 100) -> list[dict[str, Any]]: ...
