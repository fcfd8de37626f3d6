# SPDX-License-Identifier: MIT
# The asyncio peer of bench/echo.sh: a TCP echo server (RFC 862) in its fast idiomatic form (a Protocol, no
# streams). Usage: python3 bench/echo_asyncio.py PORT (0: any) — binds 127.0.0.1, prints the bound port.
import asyncio
import sys


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def main(port):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, "127.0.0.1", port, backlog=4096)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main(int(sys.argv[1])))
    except KeyboardInterrupt:
        pass
