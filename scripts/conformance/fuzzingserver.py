# Python 2.7: runs `wstest -m fuzzingserver` with every TCP listener bound to 127.0.0.1 (stock wstest binds
# all interfaces) and writes the port the server got to the file named by the first argument.
#
#   python fuzzingserver.py PORTFILE -m fuzzingserver -s spec.json -u 0
#
# The spec's url should carry port 0 so the kernel picks a free port; scripts/conformance.sh reads PORTFILE.
import os
import sys

from autobahntestsuite import wstest  # must come first: it installs the reactor (choosereactor)
from autobahntestsuite import fuzzing
from autobahn.twisted import websocket
from twisted.internet import reactor

LOOPBACK = "127.0.0.1"
port_file = sys.argv.pop(1)

_listen_tcp = reactor.listenTCP


def listen_tcp_on_loopback(port, factory, backlog=50, interface=""):
    """Every listener in this process binds to loopback, whatever interface the caller asked for."""
    return _listen_tcp(port, factory, backlog, LOOPBACK)


def listen_ws_and_record_port(factory, contextFactory=None, backlog=50, interface=""):
    """fuzzing.startServer's listenWS: bind loopback and publish the chosen port atomically."""
    listener = websocket.listenWS(factory, contextFactory, backlog, interface=LOOPBACK)
    host = listener.getHost()
    if host.host != LOOPBACK:
        sys.stderr.write("fuzzingserver: bound to %s, not %s; stopping\n" % (host.host, LOOPBACK))
        os._exit(1)
    with open(port_file + ".tmp", "w") as out:
        out.write("%d\n" % host.port)
    os.rename(port_file + ".tmp", port_file)
    return listener


reactor.listenTCP = listen_tcp_on_loopback
fuzzing.listenWS = listen_ws_and_record_port
sys.argv[0] = "wstest"
wstest.run()
