"""CPython side of httplib's differential suite (CPythonOracleTest).

Reads one case per line on stdin, as JSON: {"id": ..., "port": ..., "steps": [...]}. Runs the
steps through CPython's http.client against the loopback server the Java test started on that
port, and writes one transcript line per observation, then a line ".end". The Java test runs the
same steps through httplib, renders its observations with the same rules, and compares.

Rendering rules (kept identical in OracleTranscript.java): text and bytes are quoted with '...',
printable ASCII as is except backslash and quote, everything else as \\xNN (or \\u{NNNN});
values longer than 256 units show their first 64 units and their length and CRC-32.

The first step that raises ends the case ("error <Name>"): after an error the two libraries
leave their connections in documented but different states, which later steps would only
compare again and again.
"""

import http.client
import json
import sys
import time
import zlib

TIMEOUT_SECONDS = 5

# CPython exception names as httplib names them. http.client's own classes keep their names.
EXCEPTION_NAMES = {
    "ValueError": "IllegalArgumentException",
    "UnicodeEncodeError": "IllegalArgumentException",
    "UnicodeDecodeError": "IllegalArgumentException",
    "TimeoutError": "SocketTimeoutException",
    "timeout": "SocketTimeoutException",
    "ConnectionResetError": "SocketException",
    "BrokenPipeError": "SocketException",
    "ConnectionAbortedError": "SocketException",
    "RuntimeError": "IllegalStateException",
}


def quote(value):
    if isinstance(value, (bytes, bytearray)):
        units = list(value)
    else:
        units = [ord(c) for c in value]
    if len(units) > 256:
        data = bytes(units) if max(units, default=0) < 256 else value.encode("utf-8")
        return "%s...[len=%d crc32=%08x]" % (quote_units(units[:64]), len(units), zlib.crc32(data))
    return quote_units(units)


def quote_units(units):
    out = ["'"]
    for u in units:
        if u == 0x5C:
            out.append("\\\\")
        elif u == 0x27:
            out.append("\\'")
        elif 0x20 <= u <= 0x7E:
            out.append(chr(u))
        elif u <= 0xFF:
            out.append("\\x%02x" % u)
        else:
            out.append("\\u{%04x}" % u)
    out.append("'")
    return "".join(out)


def latin1(s):
    return None if s is None else s.encode("latin-1")


def error_name(e):
    name = type(e).__name__
    if isinstance(e, OSError) and str(e).startswith("Tunnel connection failed"):
        return "TunnelRefused"
    return EXCEPTION_NAMES.get(name, name)


class Case:
    def __init__(self, port, out):
        self.port = port
        self.out = out
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
        self.response = None
        self.responses = []

    def run(self, steps):
        try:
            for step in steps:
                try:
                    getattr(self, "op_" + step["op"])(step)
                except http.client.IncompleteRead as e:
                    self.out("error IncompleteRead partial=" + quote(e.partial))
                    return
                except Exception as e:  # every failure is an observation
                    self.out("error " + error_name(e))
                    return
        finally:
            for r in self.responses:
                r.close()
            self.conn.close()

    # --- requests ---------------------------------------------------------------------------

    def op_request(self, s):
        headers = {k: v for k, v in s.get("headers", [])}
        # A text body stays a str (CPython encodes it as latin-1); any other is bytes.
        body = s.get("body") if s.get("text") else latin1(s.get("body"))
        self.conn.request(s["method"], s["url"], body=body, headers=headers,
                          encode_chunked=s.get("encode_chunked", False))
        self.out("sent")

    def op_putrequest(self, s):
        self.conn.putrequest(s["method"], s["url"], skip_host=s.get("skip_host", False),
                             skip_accept_encoding=s.get("skip_accept_encoding", False))
        self.out("putrequest ok")

    def op_putheader(self, s):
        self.conn.putheader(s["name"], *s["values"])
        self.out("putheader ok")

    def op_endheaders(self, s):
        self.conn.endheaders(latin1(s.get("body")))
        self.out("endheaders ok")

    def op_send(self, s):
        self.conn.send(latin1(s["data"]))
        self.out("send ok")

    def op_set_tunnel(self, s):
        headers = {k: v for k, v in s.get("headers", [])}
        self.conn.set_tunnel(s["host"], s["port"], headers)
        self.out("tunnel set")

    def op_pause(self, s):
        time.sleep(s["millis"] / 1000)

    def op_connect(self, s):
        self.conn.connect()
        self.out("connected")

    # --- responses --------------------------------------------------------------------------

    def op_getresponse(self, s):
        r = self.conn.getresponse()
        self.responses.append(r)
        self.response = r
        self.out("response %d %s version=%d" % (r.status, quote(r.reason), r.version))
        for name, value in r.getheaders():
            self.out("header %s %s" % (quote(name), quote(value)))

    def op_getheader(self, s):
        v = self.response.getheader(s["name"])
        self.out("getheader %s -> %s" % (quote(s["name"]), "None" if v is None else quote(v)))

    def op_read(self, s):
        self.out("read -> " + quote(self.response.read()))

    def op_read_amt(self, s):
        self.out("read(%d) -> %s" % (s["n"], quote(self.response.read(s["n"]))))

    def op_isclosed(self, s):
        self.out("isclosed " + str(self.response.isclosed()).lower())

    def op_conn_open(self, s):
        self.out("connection " + ("closed" if self.conn.sock is None else "open"))

    def op_close_response(self, s):
        self.response.close()
        self.out("response closed")

    def op_close(self, s):
        self.conn.close()
        self.out("closed")


def main():
    sys.stdout.write("cpython %d.%d.%d\n" % sys.version_info[:3])
    sys.stdout.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        case = json.loads(line)
        lines = []
        try:
            Case(case["port"], lines.append).run(case["steps"])
        except Exception as e:  # the driver itself failed: report it, keep serving cases
            lines.append("driver-failure " + quote(repr(e)))
        for entry in lines:
            sys.stdout.write(entry + "\n")
        sys.stdout.write(".end\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.version_info < (3, 11):
        sys.stderr.write("the CPython oracle needs Python 3.11 or later, this is %s\n" % sys.version)
        sys.exit(2)
    main()
