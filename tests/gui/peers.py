#!/usr/bin/env python3
"""Real peers in the GUI (issue 16): iolab --serve with an outside client (a Python socket),
iolab --connect against `iolab-cli serve`, and the bad addresses.

Every wait here waits on an event: a line the app (or iolab-cli) prints as it happens (the
listener is up, a drive step held), or the process ending; each with a deadline, never a sleep.

Usage: peers.py IOLAB IOLAB_CLI OUTDIR

Planted bugs, each seen failing once:
  - serve: the client column not disabled in serve mode (ControlsView's client_external_ left
    false): `view client-external` failed;
  - connect: App::drain counting only `accepted` as the lab being up in connect mode too:
    `view peer-connected` failed (the status bar would have said nothing about the server);
  - connect: the clicker alternating WSARecv/WSASend with a real peer too (main_view.cpp's
    `recv` as n % 2 == 1): `expect-not recv posted` failed;
  - errors: options.cpp taking `--connect 9000` without a host: exit 1 from the engine instead
    of exit 2 naming HOST:PORT;
  - many: the lab's own clients started with --serve --clients N too (ManyClients::outside
    false): the app never said it listens, so no outside client could come;
  - serve: the status bar's client address not taken from the engine (frame.cpp leaving
    peer_addresses empty): `wait-view status-says=client_127.0.0.1:PORT_connected` ran out;
  - many: App::drain_many never reading ManyClientsServer::peers(): the same step ran out.
"""
import os
import select
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

iolab, cli, out = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
env = dict(os.environ, XDG_CONFIG_HOME=tempfile.mkdtemp())
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"]
APP = [iolab, "--size", "1920x1080", "--lang", "en", "--layout", "desk"]


def fail(why):
    print("FAIL: " + why)
    sys.exit(1)


class Lines:
    """A process's stdout, line by line, awaited with a deadline."""

    def __init__(self, proc, name):
        self.proc, self.name, self.seen = proc, name, []
        self.buf = b""

    def until(self, text, seconds=60):
        deadline = time.monotonic() + seconds
        while True:
            for line in self.seen:
                if text in line:
                    return line
            left = deadline - time.monotonic()
            if left <= 0:
                fail("%s: no line with %r in %d s; it printed:\n%s" %
                     (self.name, text, seconds, "\n".join(self.seen)))
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:  # the process ended
                self.flush()
                if any(text in line for line in self.seen):
                    continue
                fail("%s ended (exit %s) without a line with %r; it printed:\n%s" %
                     (self.name, self.proc.wait(), text, "\n".join(self.seen)))
            self.buf += chunk
            *lines, self.buf = self.buf.split(b"\n")
            self.seen += [l.decode(errors="replace") for l in lines]

    def finish(self, seconds=120):
        """Waits for the process to end, with all it printed read; its exit code."""
        rest = self.proc.communicate(timeout=seconds)[0]
        self.buf += rest or b""
        self.flush()
        return self.proc.returncode

    def flush(self):
        *lines, self.buf = self.buf.split(b"\n")
        self.seen += [l.decode(errors="replace") for l in lines]
        if self.buf:
            self.seen.append(self.buf.decode(errors="replace"))
            self.buf = b""


def drive(steps):
    return "\n".join(s.strip() for s in steps.strip().splitlines()).replace("${OUT}", out)


def bound_client():
    """A client socket bound before it connects: its address, which the app's status bar must
    name, is known before the app starts (the drive's steps are given on its command line)."""
    client = socket.socket()
    client.bind(("127.0.0.1", 0))
    client.settimeout(30)
    return client, "127.0.0.1:%d" % client.getsockname()[1]


def serve_with_outside_client():
    message = b"hello from outside"
    client, address = bound_client()
    steps = drive("""
        # Before anyone connects: the note, the status bar's field, the client side disabled.
        view peer-waiting
        view client-external
        view controls-fit
        screenshot ${OUT}/serve_waiting.png
        view controls-enabled
        wait-view peer-connected
        # Who connected: the client's own address and port.
        wait-view status-says=client_%s_connected
        # The server's WSARecv, posted before the client sends: it goes pending.
        key R
        wait recv pending
        wait recv result_fetched %d
        frames 10
        view timeline-lane=server-WSARecv-0:bars=1,markers=2,merged=0
        # S is the client's key: the outside client plays it, so S does nothing.
        key S
        frames 5
        expect-not send posted
        view controls-presses=1
        view client-external
        view controls-fit
        view status-fit
        view items-fit
        screenshot ${OUT}/serve_connected.png
        # The client closes (after this screenshot): a WSARecv ends with 0 bytes, and the bar
        # says that client closed.
        key R
        wait recv peer_closed
        wait-view status-says=client_%s_closed_the_connection
    """ % (address, len(message), address))
    app = subprocess.Popen(XVFB + APP + ["--serve", "0", "--drive", steps], stdout=subprocess.PIPE,
                           env=env)
    lines = Lines(app, "iolab --serve")
    port = int(lines.until("iolab: listening on 127.0.0.1:").rsplit(":", 1)[1])
    lines.until("drive: ok: view peer-waiting")
    # The step after the screenshot: the picture is written, the client connects after it.
    lines.until("drive: ok: view controls-enabled")
    client.connect(("127.0.0.1", port))
    lines.until("drive: ok after")  # wait-view peer-connected held
    lines.until("wait recv pending")
    client.sendall(message)
    lines.until("serve_connected.png")
    client.close()
    rc = lines.finish()
    if rc != 0:
        fail("iolab --serve exited %d:\n%s" % (rc, "\n".join(lines.seen)))
    # The model the drive printed: the server's receive fetched the client's bytes.
    described = "\n".join(lines.seen)
    want = "session 1 slot 0 WSARecv last result_fetched bytes %d path 1-2-3-4" % len(message)
    if want not in described:
        fail("no result_fetched of %d bytes in the model:\n%s" % (len(message), described))
    print("ok: --serve: the outside client's %d bytes were fetched on the server's lane" %
          len(message))


def connect_to_cli_server():
    server = subprocess.Popen([cli, "serve", "--port", "0"], stdout=subprocess.PIPE, env=env)
    served = Lines(server, "iolab-cli serve")
    port = int(served.until("# serving on 127.0.0.1:").split(":")[1].split(" ")[0])
    steps = drive("""
        view server-external
        view peer-connected
        # R is the server's key: the outside server plays it.
        key R
        frames 5
        expect-not recv posted
        key S
        wait send completed_immediately
        view controls-presses=1
        view timeline-lane=client-WSASend-0:markers=1
        # The clicker's Page Down posts the lab's side only: a second WSASend, no WSARecv.
        tap PageDown
        wait-posted 2
        expect-not recv posted
        view controls-fit
        view status-fit
        screenshot ${OUT}/connect.png
    """)
    app = subprocess.Popen(XVFB + APP + ["--connect", "127.0.0.1:%d" % port, "--drive", steps],
                           stdout=subprocess.PIPE, env=env)
    lines = Lines(app, "iolab --connect")
    lines.until("iolab: connected to 127.0.0.1:%d" % port)
    rc = lines.finish()
    if rc != 0:
        fail("iolab --connect exited %d:\n%s" % (rc, "\n".join(lines.seen)))
    # The app's exit closed its socket: the server saw the lab's 100 bytes ("Hello World"
    # padded), then the close, and exits 0.
    served.until("Hello World")
    served.until("peer_closed")
    if served.finish(60) != 0:
        fail("iolab-cli serve did not exit 0 after the lab closed")
    print("ok: --connect: iolab-cli serve fetched the lab's WSASend")


def bad_addresses():
    # Malformed: one line on stderr naming the flag and what it takes, exit 2, no window.
    for args, want in [
        (["--serve", "abc"], "[HOST:]PORT"),
        (["--serve", "127.0.0.1:"], "[HOST:]PORT"),
        (["--serve", ":9000"], "[HOST:]PORT"),
        (["--connect", "9000"], "HOST:PORT"),
        (["--connect", "127.0.0.1:0"], "HOST:PORT"),
        (["--connect", "127.0.0.1:70000"], "HOST:PORT"),
        (["--serve", "9000", "--connect", "127.0.0.1:9000"], "cannot be used together"),
        (["--serve", "9000", "--replay", "x.jsonl"], "cannot --serve"),
    ]:
        r = subprocess.run([iolab] + args, capture_output=True, text=True, env=env)
        err = r.stderr.strip()
        if r.returncode != 2 or len(err.splitlines()) != 1 or want not in err:
            fail("%s: exit %d, stderr %r (want exit 2, one line with %r)" %
                 (" ".join(args), r.returncode, err, want))
    # Well-formed but failing: the app opens and says it in its status bar (and on stderr);
    # a --drive run exits 4 after the line.
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    taken = busy.getsockname()[1]
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    closed = free.getsockname()[1]  # bound, never listening: a connect is refused
    for args, want, shot in [
        (["--serve", str(taken)], "port %d is in use" % taken, "serve_port_in_use"),
        (["--connect", "127.0.0.1:%d" % closed], "connection refused", "connect_refused"),
        (["--serve", "no-such-host.invalid:9000"], "could not be resolved", "serve_bad_host"),
    ]:
        png = os.path.join(out, shot + ".png")
        r = subprocess.run(XVFB + APP + args + ["--screenshot", png, "--frames", "5"],
                           capture_output=True, text=True, env=env, timeout=120)
        if r.returncode != 0 or want not in r.stderr or not os.path.getsize(png):
            fail("%s: exit %d, stderr %r (want exit 0 with the app's screenshot, and %r)" %
                 (" ".join(args), r.returncode, r.stderr, want))
        lines = [l for l in r.stderr.splitlines() if want in l]
        if len(lines) != 1 or "the engine did not start" not in lines[0]:
            fail("%s: want one line saying the engine did not start, got %r" % (args, r.stderr))
    busy.close()
    free.close()
    print("ok: bad addresses: one line each, the app shows the engine's error")


def serve_many_with_bad_peers():
    """--serve 0 --clients 4: a good client beside three bad ones (a flood, a reset, a connect
    and close at once). The UI goes on drawing frames while the flood is served; the reset and
    the close end their sessions; the status bar (with Dropped) fits and says who is connected:
    the good client by its address while it is alone, then how many."""
    good, address = bound_client()
    steps = drive("""
        view many-clients
        view many-event
        wait-view status-says=client_%s_connected
        wait-view many-sessions=4
        wait-view many-messages>=2000
        wait-view many-failed>=1
        wait-view many-closed>=2
        # The reset and the quick one are gone; the good one and the flood stay.
        wait-view status-says=2_clients_connected
        frames 30
        view many-clients
        view status-fit
        view controls-fit
        view items-fit
        screenshot ${OUT}/serve_many_bad_peers.png
    """ % address)
    app = subprocess.Popen(XVFB + APP + ["--serve", "0", "--clients", "4", "--drive", steps],
                           stdout=subprocess.PIPE, env=env)
    lines = Lines(app, "iolab --serve 0 --clients 4")
    port = int(lines.until("listening on 127.0.0.1:").rsplit(":", 1)[1])
    good.connect(("127.0.0.1", port))
    lines.until("drive: ok after")  # the bar named it: the others come now
    good.sendall(b"Hello World".ljust(100, b"\0") * 3)
    flood = socket.create_connection(("127.0.0.1", port), timeout=30)

    def flooding():  # until the app closes its end
        try:
            while True:
                flood.sendall(b"x" * 65536)
        except OSError:
            pass

    threading.Thread(target=flooding, daemon=True).start()
    reset = socket.create_connection(("127.0.0.1", port), timeout=30)
    reset.sendall(b"half a message")
    reset.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    reset.close()  # RST: its receive fails
    socket.create_connection(("127.0.0.1", port), timeout=30).close()  # connects, closes at once
    rc = lines.finish()
    good.close()
    flood.close()
    if rc != 0:
        fail("iolab --serve 0 --clients 4 exited %d:\n%s" % (rc, "\n".join(lines.seen)))
    print("ok: --serve --clients 4: a flood, a reset and a close at once beside a good client; "
          "the UI drew on")


which = sys.argv[4] if len(sys.argv) > 4 else "all"
if which in ("all", "serve"):
    serve_with_outside_client()
if which in ("all", "connect"):
    connect_to_cli_server()
if which in ("all", "errors"):
    bad_addresses()
if which in ("all", "many"):
    serve_many_with_bad_peers()
