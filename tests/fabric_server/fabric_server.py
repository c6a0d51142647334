#!/usr/bin/env python3
"""A MySQL Fabric 1.5-compatible XML-RPC test server (Python 3 standard library only).

Speaks the wire protocol of ../../../shared/fabric-protocol.md (checklist 13.1): POST to
`/` and `/RPC2` (404 elsewhere), HTTP/1.0 replies closed after each request, the 1.5
envelope `[1, uuid, ttl, error, [resultsets]]` with in-band errors, Faults for unknown
methods, optional HTTP Digest auth exactly as Fabric checks it, optional HTTPS, topology
from a JSON file, and `threat.report_failure` marking a server FAULTY and promoting a
secondary. A separate control port (HTTP+JSON) lets tests change the topology and inject
faults. See README.md for the CLI and the control API.
"""

import argparse
import base64
import hashlib
import http.server
import json
import os
import re
import socket
import socketserver
import ssl
import sys
import threading
import time
import uuid as uuidlib
import xmlrpc.client

FABRIC_UUID = "5ca1ab1e-a007-feed-f00d-cab3fe13249e"
REALM = "MySQL Fabric"
STATUS = {"FAULTY": 0, "SPARE": 1, "SECONDARY": 2, "PRIMARY": 3, "CONFIGURING": 4}
MODE = {"OFFLINE": 0, "READ_ONLY": 1, "WRITE_ONLY": 2, "READ_WRITE": 3}
STATUS_NAME = {v: k for k, v in STATUS.items()}
MODE_NAME = {v: k for k, v in MODE.items()}
DIGEST_ATTRS = {"username", "realm", "nonce", "response", "nc", "cnonce", "qop", "algorithm", "uri", "opaque"}
# Default role permissions (§1.3): the connector role may call dump.* and threat.*.
ROLE_PERMS = {"superadmin": None, "connector": {"dump", "threat"}}

# Where Oracle's Fabric 1.5.6, measured, departs from what fabric-protocol.md describes as
# its design (that file's appendix). Each one is a switch (`quirks` control command, or
# --real-fabric for all of them): "designed" is how the spec text reads, "real" is what the
# real server does.
#   nonce_purge_seconds  every N s all nonce records are dropped (the real purge timer's expiry
#                        test is inverted: it drops the live ones); 0 = never
#   purged_nonce         a request whose nonce has no record and nc > 1: "401" (a fresh
#                        challenge, as designed) or "close" (real: KeyError, connection closed
#                        without any reply)
#   bad_digest           wrong digest / unknown user / unknown attribute: "400" (real, empty
#                        body) or "401"
#   faulty_in_dump       dump.servers lists FAULTY servers (real: False)
#   dump_pattern         dump.servers group pattern: "like" (real: LIKE '%p%', so "ha" also
#                        returns "hash1") or "exact"
#   report_no_candidate  threat.report_failure of a primary with no candidate to promote:
#                        "ok" (success reply) or "error" (real: HTTP 200 with the failover's
#                        error in the envelope, after FAULTY was recorded)
DESIGNED_QUIRKS = {"nonce_purge_seconds": 0.0, "purged_nonce": "401", "bad_digest": "400", "faulty_in_dump": False,
                   "dump_pattern": "like", "report_no_candidate": "ok"}
REAL_QUIRKS = {"nonce_purge_seconds": 120.0, "purged_nonce": "close", "bad_digest": "400", "faulty_in_dump": False,
               "dump_pattern": "like", "report_no_candidate": "error"}
QUIRK_VALUES = {"purged_nonce": ("401", "close"), "bad_digest": ("400", "401"), "dump_pattern": ("like", "exact"),
                "report_no_candidate": ("ok", "error")}


def checked_quirks(current, changes):
    """`current` updated with `changes` ({"real": true} first sets every real value)."""
    out = dict(current)
    if changes.get("real"):
        out.update(REAL_QUIRKS)
    for k, v in changes.items():
        if k == "real":
            continue
        if k not in DESIGNED_QUIRKS:
            raise ValueError("unknown quirk %r (known: %s)" % (k, ", ".join(sorted(DESIGNED_QUIRKS))))
        if k == "nonce_purge_seconds":
            v = float(v)
            if v < 0:
                raise ValueError("nonce_purge_seconds must be >= 0")
        elif k == "faulty_in_dump":
            v = bool(v)
        elif v not in QUIRK_VALUES[k]:
            raise ValueError("quirk %s takes %s" % (k, " or ".join(QUIRK_VALUES[k])))
        out[k] = v
    return out


def md5hex(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def enum_value(value, table, what):
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.upper() in table:
        return table[value.upper()]
    raise ValueError("bad %s %r" % (what, value))


class FabricError(Exception):
    """An error reported in-band (error string of the 1.5 envelope)."""


class State:
    """Topology + knobs, shared by the Fabric and control handlers under one lock."""

    def __init__(self, topology, ttl):
        self.lock = threading.RLock()
        self.ttl = ttl
        self.delay = 0.0
        self.fail_500 = False
        self.silent = False
        self.reply_mode = "normal"  # normal | garbage | oversized | wrong_version | missing_columns | v14
        self.oversized_bytes = 32 * 1024 * 1024
        self.calls = []
        self.requests = []  # every HTTP request to the Fabric port, with its outcome
        self.quirks = dict(DESIGNED_QUIRKS)
        self.advertise = None  # (host, port) for dump.fabric_nodes
        self.stopping = threading.Event()
        self.load(topology)

    def load(self, topo):
        with self.lock:
            self.groups = {}
            groups = topo.get("groups", [])
            if isinstance(groups, dict):
                groups = [dict(v, id=k) for k, v in groups.items()]
            for g in groups:
                servers = []
                for s in g.get("servers", []):
                    servers.append({
                        "uuid": s.get("uuid") or str(uuidlib.uuid4()),
                        "host": s.get("host", "127.0.0.1"),
                        "port": int(s.get("port", 3306)),
                        "mode": enum_value(s.get("mode", "READ_ONLY"), MODE, "mode"),
                        "status": enum_value(s.get("status", "SECONDARY"), STATUS, "status"),
                        "weight": float(s.get("weight", 1.0)),
                    })
                self.groups[g["id"]] = {"description": g.get("description", ""), "servers": servers}
            self.mappings = []
            for m in topo.get("shard_mappings", []):
                mtype = m["type"].upper()
                shards = []
                for i, sh in enumerate(m.get("shards", []), start=1):
                    lb = sh.get("lower_bound")
                    if mtype == "HASH" and lb is None:
                        lb = hashlib.md5(sh["group"].encode()).hexdigest().upper()
                    elif mtype == "HASH":
                        lb = lb.upper()
                    shards.append({"id": int(sh.get("id", i)), "group": sh["group"], "lower_bound": str(lb),
                                   "state": sh.get("state", "ENABLED").upper()})
                tables = []
                for t in m.get("tables", []):
                    if isinstance(t, str):
                        t = {"table": t}
                    schema, _, name = t["table"].partition(".")
                    tables.append({"schema": schema, "table": name, "column": t.get("column", "id"),
                                   "range_check": int(t.get("range_check", 0))})
                self.mappings.append({"id": int(m["id"]), "type": mtype, "global_group": m.get("global_group", ""),
                                      "tables": tables, "shards": shards})
            if "ttl" in topo:
                self.ttl = int(topo["ttl"])

    def find_server(self, server_id):
        for gid, g in self.groups.items():
            for s in g["servers"]:
                if s["uuid"] == server_id or "%s:%d" % (s["host"], s["port"]) == server_id:
                    return gid, s
        return None, None

    def promote(self, gid, new_uuid=None):
        """Make `new_uuid` (or the first SECONDARY by address) PRIMARY/READ_WRITE."""
        with self.lock:
            if gid not in self.groups:
                raise FabricError("Group (%s) does not exist." % gid)
            servers = self.groups[gid]["servers"]
            if new_uuid is None:
                cands = sorted((s for s in servers if s["status"] == STATUS["SECONDARY"]),
                               key=lambda s: ("%s:%05d" % (s["host"], s["port"]), s["uuid"]))
                if not cands:
                    raise FabricError("There is no valid candidate that can be automatically chosen in group (%s)." % gid)
                new = cands[0]
            else:
                new = next((s for s in servers if s["uuid"] == new_uuid), None)
                if new is None:
                    raise FabricError("Server (%s) does not belong to group (%s)." % (new_uuid, gid))
            for s in servers:
                if s["status"] == STATUS["PRIMARY"] and s is not new:
                    s["status"] = STATUS["SECONDARY"]
                    s["mode"] = MODE["READ_ONLY"]
            new["status"] = STATUS["PRIMARY"]
            new["mode"] = MODE["READ_WRITE"]
            return new["uuid"]

    def snapshot(self):
        with self.lock:
            return {"ttl": self.ttl, "groups": [dict(id=k, **v) for k, v in self.groups.items()],
                    "shard_mappings": self.mappings}


def like_pieces(pattern):
    """Fabric's split_dump_pattern: comma separated, '' means all."""
    pattern = pattern if isinstance(pattern, str) else ""
    return [p for p in re.split(r"\s*,\s*", pattern)] if pattern != "" else [""]


def sql_like(value, pattern, wrap):
    """SQL LIKE (case-insensitive like MySQL's default collation), optionally '%p%'."""
    if wrap:
        pattern = "%" + pattern + "%"
    rx = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(rx, str(value), re.IGNORECASE | re.DOTALL) is not None


def result_set(names, rows):
    return {"info": {"names": list(names)}, "rows": [list(r) for r in rows]}


class Fabric:
    """The Fabric commands. Each returns a list of result sets or raises FabricError."""

    def __init__(self, state, own_address):
        self.state = state
        self.own_address = own_address

    def dispatch(self, method):
        fn = {
            "dump.fabric_nodes": self.fabric_nodes,
            "dump.servers": self.servers,
            "dump.sharding_information": self.sharding_information,
            "dump.shard_maps": self.shard_maps,
            "dump.shard_tables": self.shard_tables,
            "dump.shard_index": self.shard_index,
            "group.lookup_servers": self.group_lookup_servers,
            "group.lookup_groups": self.group_lookup_groups,
            "sharding.lookup_servers": self.sharding_lookup_servers,
            "threat.report_failure": self.report_failure,
            "threat.report_error": self.report_error,
        }.get(method)
        return fn

    def fabric_nodes(self, protocol=None):
        if protocol not in (None, "protocol.xmlrpc", "protocol.mysql"):
            raise FabricError("Protocol (%s) is not supported." % protocol)
        host, port = self.state.advertise or self.own_address
        return [result_set(["host", "port"], [[host, port]])]

    def servers(self, connector_version=0, patterns=""):
        rows = []
        with self.state.lock:
            quirks = self.state.quirks
            exact = quirks["dump_pattern"] == "exact"
            for gid in sorted(self.state.groups):
                if not any((p == "" or gid == p) if exact else sql_like(gid, p, True) for p in like_pieces(patterns)):
                    continue
                for s in sorted(self.state.groups[gid]["servers"],
                                key=lambda s: ("%s:%d" % (s["host"], s["port"]), s["uuid"])):
                    if s["status"] == STATUS["FAULTY"] and not quirks["faulty_in_dump"]:
                        continue  # FAULTY never appears in dump.servers (§3.2, measured on 1.5.6)
                    rows.append([s["uuid"], gid, s["host"], s["port"], s["mode"], s["status"], float(s["weight"])])
        return [result_set(["server_uuid", "group_id", "host", "port", "mode", "status", "weight"], rows)]

    def _enabled_rows(self):
        with self.state.lock:
            for m in self.state.mappings:
                for t in m["tables"]:
                    for sh in m["shards"]:
                        if sh["state"] == "ENABLED":
                            yield m, t, sh

    def sharding_information(self, connector_version=0, patterns=""):
        rows = []
        for m, t, sh in self._enabled_rows():
            name = "%s.%s" % (t["schema"], t["table"])
            # pieces used as-is in LIKE, no % wrapping (§3.3)
            if patterns and not any(sql_like(name, p, False) for p in like_pieces(patterns)):
                continue
            rows.append([t["schema"], t["table"], t["column"], sh["lower_bound"], sh["id"], m["type"], sh["group"],
                         m["global_group"]])
        rows.sort(key=lambda r: (r[4], r[1], r[2], r[3]))
        return [result_set(["schema_name", "table_name", "column_name", "lower_bound", "shard_id", "type_name",
                            "group_id", "global_group"], rows)]

    def _mapping_match(self, mid, patterns):
        return any(sql_like(mid, p, True) for p in like_pieces(patterns))

    def shard_maps(self, connector_version=0, patterns=""):
        with self.state.lock:
            rows = [[m["id"], m["type"], m["global_group"]] for m in self.state.mappings
                    if self._mapping_match(m["id"], patterns)]
        return [result_set(["mapping_id", "type_name", "global_group_id"], sorted(rows))]

    def shard_tables(self, connector_version=0, patterns=""):
        with self.state.lock:
            rows = [[t["schema"], t["table"], t["column"], m["id"]] for m in self.state.mappings
                    for t in m["tables"] if self._mapping_match(m["id"], patterns)]
        rows.sort(key=lambda r: (r[3], r[1], r[2]))
        return [result_set(["schema_name", "table_name", "column_name", "mapping_id"], rows)]

    def shard_index(self, connector_version=0, patterns=""):
        with self.state.lock:
            rows = [[sh["lower_bound"], m["id"], sh["id"], sh["group"]] for m in self.state.mappings
                    for sh in m["shards"] if sh["state"] == "ENABLED" and self._mapping_match(m["id"], patterns)]
        rows.sort(key=lambda r: (r[2], r[1], r[0], r[3]))
        return [result_set(["lower_bound", "mapping_id", "shard_id", "group_id"], rows)]

    def _lookup_rows(self, gid):
        with self.state.lock:
            if gid not in self.state.groups:
                raise FabricError("Group (%s) does not exist." % gid)
            return [[s["uuid"], "%s:%d" % (s["host"], s["port"]), STATUS_NAME[s["status"]], MODE_NAME[s["mode"]],
                     float(s["weight"])] for s in self.state.groups[gid]["servers"]]

    def group_lookup_servers(self, group_id, server_id=None, status=None, mode=None):
        return [result_set(["server_uuid", "address", "status", "mode", "weight"], self._lookup_rows(group_id))]

    def group_lookup_groups(self, group_id=None):
        with self.state.lock:
            rows = []
            for gid, g in sorted(self.state.groups.items()):
                if group_id and gid != group_id:
                    continue
                master = next((s["uuid"] for s in g["servers"] if s["status"] == STATUS["PRIMARY"]), "None")
                rows.append([gid, g["description"], "INACTIVE", master])
        return [result_set(["group_id", "description", "failure_detector", "master_uuid"], rows)]

    def sharding_lookup_servers(self, table_name, key, hint="LOCAL"):
        hint = str(hint).upper()
        if hint not in ("LOCAL", "GLOBAL"):
            raise FabricError("Unknown lookup hint")
        with self.state.lock:
            if hint == "GLOBAL":  # first argument is a mapping id on the real server (§3.8)
                m = next((m for m in self.state.mappings if str(m["id"]) == str(table_name)), None)
                if m is None:
                    raise FabricError("Shard Mapping not found")
                return self.group_lookup_servers(m["global_group"])
            schema, _, name = str(table_name).partition(".")
            m = next((m for m in self.state.mappings for t in m["tables"]
                      if t["schema"] == schema and t["table"] == name), None)
            if m is None:
                raise FabricError("Table name %s not found" % table_name)
            enabled = [sh for sh in m["shards"] if sh["state"] == "ENABLED"]
            group = self._lookup_group(m["type"], enabled, str(key))
            if group is None:
                raise FabricError("Invalid Key %s" % key)
        return self.group_lookup_servers(group)

    @staticmethod
    def _lookup_group(mtype, shards, key):
        if mtype == "HASH":
            h = hashlib.md5(key.encode()).hexdigest().upper()
            below = [s for s in shards if s["lower_bound"] <= h]
            pool = below or shards
            return max(pool, key=lambda s: s["lower_bound"])["group"] if pool else None
        if mtype in ("RANGE", "RANGE_INTEGER"):
            conv = int
        elif mtype == "RANGE_DATETIME":
            conv = lambda v: v if len(v) > 10 else v + " 00:00:00"
        else:
            conv = lambda v: v.encode("utf-8")
        try:
            k = conv(key)
        except ValueError:
            return None
        below = [s for s in shards if conv(s["lower_bound"]) <= k]
        return max(below, key=lambda s: conv(s["lower_bound"]))["group"] if below else None

    def _procedure(self, success, message=""):
        proc = str(uuidlib.uuid4())
        return [result_set(["uuid", "finished", "success", "result"], [[proc, True, success, success]]),
                result_set(["state", "success", "when", "description"],
                           [[3, 2 if success else 1, time.time(), message or "Executed action (_report_failure)."]])]

    def report_failure(self, server_id, reporter="unknown", error="unknown", update_only=False, synchronous=True):
        with self.state.lock:
            gid, s = self.state.find_server(str(server_id))
            if s is None:
                raise FabricError("Server (%s) does not exist." % server_id)
            was_primary = s["status"] == STATUS["PRIMARY"]
            s["status"] = STATUS["FAULTY"]
            if was_primary and not update_only:
                try:
                    self.state.promote(gid)
                except FabricError:
                    # No candidate: the group is left without a primary. The FAULTY status
                    # stays recorded; the real 1.5.6 then answers 200 with the failover's
                    # error in the envelope.
                    if self.state.quirks["report_no_candidate"] == "error":
                        raise
        return self._procedure(True)

    def report_error(self, server_id, reporter="unknown", error="unknown", update_only=False, synchronous=True):
        with self.state.lock:
            _, s = self.state.find_server(str(server_id))
            if s is None:
                raise FabricError("Server (%s) does not exist." % server_id)
        return self._procedure(True)


class Auth:
    def __init__(self, users, state):
        self.users = users  # name -> (ha1, role)
        self.state = state  # for the quirks
        self.nonces = {}  # nonce -> last nc
        self.lock = threading.Lock()
        self.last_purge = time.monotonic()
        self.purges = 0

    def _purge_if_due(self):
        """The real purge timer, checked at each request: every period, every record goes."""
        period = self.state.quirks["nonce_purge_seconds"]
        now = time.monotonic()
        if period > 0 and now - self.last_purge >= period:
            self.nonces.clear()
            self.purges += 1
            self.last_purge = now

    def challenge(self):
        raw = "%s;;%s" % (time.time() + 120, os.urandom(6).hex())
        nonce = base64.b64encode(raw.encode()).decode()
        return 'Digest realm="%s", nonce="%s", algorithm="MD5", opaque="%s", qop="auth"' % (
            REALM, nonce, os.urandom(8).hex())

    @staticmethod
    def parse(header):
        if not header.lower().startswith("digest "):
            return None
        attrs = {}
        for m in re.finditer(r'(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))', header[7:]):
            attrs[m.group(1)] = m.group(2) if m.group(2) is not None else m.group(3)
        return attrs

    def check(self, header):
        """Returns (status, user): 200 ok, 401 re-challenge, 400 rejected (§1.3), or
        (None, None): close the connection without replying (a purged nonce on 1.5.6)."""
        rejected = 400 if self.state.quirks["bad_digest"] == "400" else 401
        attrs = self.parse(header)
        if attrs is None or any(k not in DIGEST_ATTRS for k in attrs):
            return rejected, None
        user = self.users.get(attrs.get("username"))
        if user is None:
            return rejected, None
        if attrs.get("qop") not in ("auth", "auth-int"):
            return rejected, None
        try:
            nc = int(attrs.get("nc", ""), 16)
        except ValueError:
            return rejected, None
        with self.lock:
            self._purge_if_due()
            nonce = attrs.get("nonce")
            if nonce not in self.nonces and nc > 1 and self.state.quirks["purged_nonce"] == "close":
                return None, None  # KeyError: 'nonce_counter' in the real server
            last = self.nonces.get(nonce, 0)
            if nc != last + 1:
                return 401, None
            self.nonces[nonce] = nc
        ha2 = md5hex("POST:/RPC2")  # Fabric ignores the request uri (§1.3)
        expected = md5hex("%s:%s:%s:%s:%s:%s" % (user[0], attrs.get("nonce"), attrs["nc"], attrs.get("cnonce", ""),
                                                 attrs["qop"], ha2))
        if expected != attrs.get("response"):
            return rejected, None
        return 200, attrs["username"]

    def allowed(self, user, method):
        perms = ROLE_PERMS.get(self.users[user][1], set())
        if perms is None:
            return True
        if method == "_some_nonexisting_method":
            return True  # the one exemption of the real server
        return method.split(".", 1)[0] in perms


class FabricHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection, like Fabric
    server_version = "FabricTestServer/1.5"

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("fabric: " + fmt % args + "\n")

    def _send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if body:
            self.send_header("Content-type", "text/xml")
        self.send_header("Content-length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        self._send(501)

    @staticmethod
    def _method_of(body):
        m = re.search(rb"<methodName>\s*([^<\s]*)\s*</methodName>", body)
        return m.group(1).decode("utf-8", "replace") if m else None

    def do_POST(self):
        st = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        call = {"path": self.path, "time": time.time(), "method": None, "params": None, "user": None}
        if self.path not in ("/", "/RPC2"):
            self._send(404)
            return
        if self.headers.get("Content-Encoding", "identity") != "identity":
            self._send(501)
            return
        # Fault injection first: a silent or failing Fabric says nothing useful.
        if st.silent:
            call["method"] = "(silent)"
            st.calls.append(call)
            while st.silent and not st.stopping.is_set():
                time.sleep(0.05)
            self.close_connection = True
            return
        if st.delay > 0:
            st.stopping.wait(st.delay)
        if st.fail_500:
            st.calls.append(dict(call, method="(500)"))
            self._send(500)
            return
        auth = self.server.auth
        request = {"time": call["time"], "method": self._method_of(body), "auth": None, "status": None}
        st.requests.append(request)
        if auth is not None:
            header = self.headers.get("Authorization")
            if not header:
                request.update(auth="none", status=401)
                self._send(401, headers=[("WWW-Authenticate", auth.challenge())])
                return
            code, user = auth.check(header)
            if code is None:
                request.update(auth="purged nonce", status="closed")
                self.close_connection = True  # no status line, no headers: the client sees nothing
                return
            if code == 401:
                request.update(auth="stale", status=401)
                self._send(401, headers=[("WWW-Authenticate", auth.challenge())])
                return
            if code != 200:
                request.update(auth="rejected", status=400)
                self._send(400)
                return
            request["auth"] = "ok"
            call["user"] = user
        request["status"] = 200
        try:
            params, method = xmlrpc.client.loads(body.decode("utf-8"), use_builtin_types=True)
        except Exception as exc:  # noqa: BLE001 - any parse problem is a Fault, like the stdlib server
            self._reply(xmlrpc.client.dumps(xmlrpc.client.Fault(1, "%s:%s" % (type(exc), exc)), methodresponse=True))
            return
        call["method"], call["params"] = method, list(params)
        st.calls.append(call)
        if auth is not None and not auth.allowed(call["user"], method or ""):
            self._send(403, b"Not allowed to execute 'core.%s'" % (method or "").encode())
            return
        if method == "system.listMethods":
            names = ["dump.fabric_nodes", "dump.servers", "dump.sharding_information", "dump.shard_maps",
                     "dump.shard_tables", "dump.shard_index", "group.lookup_servers", "group.lookup_groups",
                     "sharding.lookup_servers", "threat.report_failure", "threat.report_error", "system.listMethods"]
            self._reply(xmlrpc.client.dumps((names,), methodresponse=True))
            return
        fn = self.server.fabric.dispatch(method)
        if fn is None:
            fault = xmlrpc.client.Fault(1, "<type 'exceptions.Exception'>:method \"%s\" is not supported" % method)
            self._reply(xmlrpc.client.dumps(fault, methodresponse=True))
            return
        try:
            sets, error = fn(*params), ""
        except FabricError as exc:
            sets, error = [], str(exc)
        except Exception as exc:  # noqa: BLE001 - like Fabric's _wrapfunc: any exception is in-band (§2.2)
            sets, error = [], str(exc)
        self._reply(self._envelope(method, sets, error))

    def _envelope(self, method, sets, error):
        st = self.server.state
        mode = st.reply_mode
        if mode == "garbage":
            return "<methodResponse><params><param><value><array><data><value><int>1</int>"
        if mode == "oversized":
            return "<?xml version='1.0'?><methodResponse><params><param><value><string>" + \
                   "x" * st.oversized_bytes + "</string></value></param></params></methodResponse>"
        if mode == "wrong_version":
            return xmlrpc.client.dumps(([2, FABRIC_UUID, st.ttl, error, sets],), methodresponse=True)
        if mode == "missing_columns":
            sets = [result_set(s["info"]["names"][:-1], [r[:-1] for r in s["rows"]]) for s in sets]
        if mode == "v14" and method.startswith("dump.") and not error:
            rows = sets[0]["rows"] if sets else []
            if method == "dump.fabric_nodes":
                rows = ["%s:%d" % (r[0], r[1]) for r in rows]
            elif method == "dump.servers":
                rows = [[r[0], r[1], r[2], str(r[3]), r[4], r[5], r[6]] for r in rows]
            else:
                rows = [[str(v) for v in r] for r in rows]
            return xmlrpc.client.dumps(([0, 0, st.ttl, rows],), methodresponse=True)
        return xmlrpc.client.dumps(([1, FABRIC_UUID, st.ttl, error, sets],), methodresponse=True)

    def _reply(self, text):
        self._send(200, text.encode("utf-8"))


class ControlHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("control: " + fmt % args + "\n")

    def _json(self, code, obj):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-type", "application/json")
        self.send_header("Content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._dispatch(self.path.strip("/"), {})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            args = json.loads(self.rfile.read(length) or b"{}") if length else {}
        except ValueError as exc:
            self._json(400, {"error": "bad JSON: %s" % exc})
            return
        self._dispatch(self.path.strip("/"), args)

    def _dispatch(self, cmd, a):
        st = self.server.state
        try:
            with st.lock:
                if cmd == "ping":
                    res = "pong"
                elif cmd == "calls":
                    res = st.calls[:]
                elif cmd == "clear_calls":
                    st.calls.clear()
                    st.requests.clear()
                    res = True
                elif cmd == "requests":
                    res = st.requests[:]
                elif cmd == "quirks":
                    st.quirks = checked_quirks(st.quirks, a)
                    res = dict(st.quirks)
                elif cmd == "nonce_purges":
                    auth = self.server.owner.fabric.auth
                    res = auth.purges if auth else 0
                elif cmd == "topology":
                    res = st.snapshot()
                elif cmd == "promote":
                    res = st.promote(a["group"], a.get("uuid"))
                elif cmd == "set_status":
                    _, s = st.find_server(a["uuid"])
                    if s is None:
                        raise KeyError("no server %s" % a["uuid"])
                    s["status"] = enum_value(a["status"], STATUS, "status")
                    if "mode" in a:
                        s["mode"] = enum_value(a["mode"], MODE, "mode")
                    res = True
                elif cmd == "set_weight":
                    _, s = st.find_server(a["uuid"])
                    if s is None:
                        raise KeyError("no server %s" % a["uuid"])
                    s["weight"] = float(a["weight"])
                    res = True
                elif cmd == "set_ttl":
                    st.ttl = int(a["ttl"])
                    res = True
                elif cmd == "set_delay":
                    st.delay = float(a["seconds"])
                    res = True
                elif cmd == "fail_with_500":
                    st.fail_500 = bool(a.get("on", True))
                    res = True
                elif cmd == "silent":
                    st.silent = bool(a.get("on", True))
                    res = True
                elif cmd == "reply_mode":
                    st.reply_mode = a.get("mode", "normal")
                    st.oversized_bytes = int(a.get("bytes", st.oversized_bytes))
                    res = True
                elif cmd == "advertise":
                    st.advertise = (a["host"], int(a["port"])) if a.get("host") else None
                    res = True
                elif cmd == "reload":
                    if "topology" in a:
                        st.load(a["topology"])
                    else:
                        with open(a.get("path") or self.server.topology_path) as f:
                            st.load(json.load(f))
                    res = True
                elif cmd == "shutdown":
                    threading.Thread(target=self.server.owner.stop, daemon=True).start()
                    res = True
                else:
                    self._json(404, {"error": "unknown control command %r" % cmd})
                    return
            self._json(200, {"result": res})
        except (KeyError, ValueError, FabricError, OSError) as exc:
            self._json(400, {"error": "%s: %s" % (type(exc).__name__, exc)})


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class FabricTestServer:
    """Runs the Fabric port and the control port; usable in-process or from the CLI."""

    def __init__(self, topology, host="127.0.0.1", port=0, control_port=0, users=None, ssl_cert=None,
                 ssl_key=None, ttl=1, topology_path=None, verbose=False, quirks=None):
        self.state = State(topology, ttl)
        self.state.quirks = checked_quirks(self.state.quirks, quirks or {})
        self.fabric = Server((host, port), FabricHandler)
        self.fabric.state = self.state
        self.fabric.verbose = verbose
        self.fabric.auth = Auth(users, self.state) if users else None
        self.tls = bool(ssl_cert)
        if ssl_cert:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(ssl_cert, ssl_key)
            # Handshake in the handler thread, so a client that never speaks TLS cannot
            # block the accept loop.
            self.fabric.socket = ctx.wrap_socket(self.fabric.socket, server_side=True,
                                                 do_handshake_on_connect=False)
        self.fabric.fabric = Fabric(self.state, (host, self.fabric.server_address[1]))
        self.control = Server((host, control_port), ControlHandler)
        self.control.state = self.state
        self.control.verbose = verbose
        self.control.owner = self
        self.control.topology_path = topology_path
        self.threads = []

    @property
    def fabric_port(self):
        return self.fabric.server_address[1]

    @property
    def control_port(self):
        return self.control.server_address[1]

    def start(self):
        for srv in (self.fabric, self.control):
            t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
            t.start()
            self.threads.append(t)
        return self

    def stop(self):
        self.state.stopping.set()
        self.state.silent = False
        for srv in (self.fabric, self.control):
            srv.shutdown()
            srv.server_close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--topology", required=True, help="topology JSON file (see README.md)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="Fabric XML-RPC port (0: a free one)")
    ap.add_argument("--control-port", type=int, default=0, help="control port (0: a free one)")
    ap.add_argument("--ports-file", help="write {fabric_port, control_port, pid} as JSON here when ready")
    ap.add_argument("--user", action="append", default=[],
                    help="enable Digest auth with user:password[:role] (role connector|superadmin; repeatable)")
    ap.add_argument("--ssl-cert", help="serve HTTPS with this certificate (PEM)")
    ap.add_argument("--ssl-key", help="private key of --ssl-cert")
    ap.add_argument("--ttl", type=int, default=1, help="TTL sent in replies (topology 'ttl' overrides)")
    ap.add_argument("--real-fabric", action="store_true",
                    help="behave as the measured Fabric 1.5.6 where it departs from its design (every quirk)")
    ap.add_argument("--quirk", action="append", default=[], metavar="NAME=VALUE",
                    help="one quirk (after --real-fabric); see the quirks control command")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    quirks = {"real": True} if args.real_fabric else {}
    for q in args.quirk:
        name, _, value = q.partition("=")
        quirks[name] = {"true": True, "false": False}.get(value.lower(), value)

    with open(args.topology) as f:
        topology = json.load(f)
    users = {}
    for spec in args.user:
        parts = spec.split(":")
        if len(parts) < 2:
            ap.error("--user needs user:password")
        name, password = parts[0], parts[1]
        role = parts[2] if len(parts) > 2 else "connector"
        # Fabric stores MD5(user:"MySQL Fabric":password) whatever the realm (§1.3).
        users[name] = (md5hex("%s:%s:%s" % (name, REALM, password)), role)
    srv = FabricTestServer(topology, args.host, args.port, args.control_port, users or None, args.ssl_cert,
                           args.ssl_key, args.ttl, args.topology, args.verbose, quirks).start()
    ready = {"fabric_port": srv.fabric_port, "control_port": srv.control_port, "pid": os.getpid(),
             "tls": srv.tls}
    if args.ports_file:
        tmp = args.ports_file + ".tmp"
        with open(tmp, "w") as f:
            json.dump(ready, f)
        os.replace(tmp, args.ports_file)  # atomic: readers never see half a file
    print(json.dumps(ready), flush=True)
    import signal
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    while not done.is_set() and not srv.state.stopping.is_set():
        done.wait(0.2)
    srv.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
