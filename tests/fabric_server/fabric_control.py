"""Helpers for tests that use the Fabric-protocol test server.

    from fabric_control import FabricServerProcess
    with FabricServerProcess("topology.json", users=["connector:secret"]) as fab:
        fab.control.promote("ha1")
        print(fab.fabric_port, fab.control.calls())

Only the Python 3 standard library is used.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "fabric_server.py")


class ControlError(RuntimeError):
    pass


class Control:
    """Client of the control port (HTTP+JSON)."""

    def __init__(self, port, host="127.0.0.1", timeout=5.0):
        self.base = "http://%s:%d/" % (host, port)
        self.timeout = timeout

    def _call(self, cmd, **args):
        data = json.dumps(args).encode()
        req = urllib.request.Request(self.base + cmd, data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                return json.load(r)["result"]
        except urllib.error.HTTPError as exc:
            raise ControlError("%s: %s" % (cmd, exc.read().decode(errors="replace"))) from None

    def ping(self):
        return self._call("ping")

    def promote(self, group, uuid=None):
        return self._call("promote", group=group, **({"uuid": uuid} if uuid else {}))

    def set_status(self, uuid, status, mode=None):
        return self._call("set_status", uuid=uuid, status=status, **({"mode": mode} if mode else {}))

    def set_weight(self, uuid, weight):
        return self._call("set_weight", uuid=uuid, weight=weight)

    def set_ttl(self, ttl):
        return self._call("set_ttl", ttl=ttl)

    def set_delay(self, seconds):
        return self._call("set_delay", seconds=seconds)

    def fail_with_500(self, on=True):
        return self._call("fail_with_500", on=on)

    def silent(self, on=True):
        return self._call("silent", on=on)

    def reply_mode(self, mode, nbytes=None):
        return self._call("reply_mode", mode=mode, **({"bytes": nbytes} if nbytes else {}))

    def advertise(self, host=None, port=0):
        return self._call("advertise", host=host, port=port)

    def calls(self):
        return self._call("calls")

    def clear_calls(self):
        return self._call("clear_calls")

    def requests(self):
        """Every HTTP request to the Fabric port: time, method, auth outcome, status."""
        return self._call("requests")

    def quirks(self, **changes):
        """Switch real-Fabric behaviours (real=True: all of them); returns the current set."""
        return self._call("quirks", **changes)

    def nonce_purges(self):
        return self._call("nonce_purges")

    def topology(self):
        return self._call("topology")

    def reload(self, topology=None, path=None):
        if topology is not None:
            return self._call("reload", topology=topology)
        return self._call("reload", **({"path": path} if path else {}))

    def shutdown(self):
        return self._call("shutdown")


class FabricServerProcess:
    """Starts fabric_server.py as a subprocess on free loopback ports; stops it on exit."""

    def __init__(self, topology, users=(), ssl_cert=None, ssl_key=None, ttl=None, start_timeout=10.0,
                 python=sys.executable, real_fabric=False, quirks=None):
        self._tmp = tempfile.mkdtemp(prefix="fabric-server-")
        if isinstance(topology, dict):
            path = os.path.join(self._tmp, "topology.json")
            with open(path, "w") as f:
                json.dump(topology, f)
            topology = path
        self.ports_file = os.path.join(self._tmp, "ports.json")
        cmd = [python, SERVER, "--topology", topology, "--ports-file", self.ports_file]
        for u in users:
            cmd += ["--user", u]
        if ssl_cert:
            cmd += ["--ssl-cert", ssl_cert, "--ssl-key", ssl_key]
        if ttl is not None:
            cmd += ["--ttl", str(ttl)]
        if real_fabric:
            cmd.append("--real-fabric")
        for name, value in (quirks or {}).items():
            cmd += ["--quirk", "%s=%s" % (name, value)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + start_timeout
        while not os.path.exists(self.ports_file):
            if self.proc.poll() is not None:
                raise RuntimeError("fabric_server.py exited with %s" % self.proc.returncode)
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("fabric_server.py did not start within %.0f s" % start_timeout)
            time.sleep(0.05)
        with open(self.ports_file) as f:
            info = json.load(f)
        self.fabric_port = info["fabric_port"]
        self.control_port = info["control_port"]
        self.control = Control(self.control_port)

    def stop(self, timeout=5.0):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False
