"""Self-test of the Fabric-protocol test server (python3 -m unittest test_fabric_server)."""

import hashlib
import http.client
import time
import os
import sys
import unittest
import urllib.error
import urllib.request
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fabric_control import FabricServerProcess  # noqa: E402

TOPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "example_topology.json")
JAVA_CALL = ('<?xml version="1.0" encoding="UTF-8"?><methodCall>\t<methodName>dump.servers</methodName><params>'
             '<param><value><int>0</int></value></param><param><value><string></string></value></param>'
             '</params></methodCall>')


def post(port, body, path="/RPC2", headers=None):
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=body.encode(), method="POST",
                                 headers=dict({"Content-Type": "text/xml"}, **(headers or {})))
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), e.headers


class NoAuth(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fab = FabricServerProcess(TOPO)
        cls.proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % cls.fab.fabric_port)

    @classmethod
    def tearDownClass(cls):
        cls.fab.stop()

    def test_paths_and_layouts(self):
        self.assertEqual(post(self.fab.fabric_port, JAVA_CALL, "/")[0], 200)
        self.assertEqual(post(self.fab.fabric_port, JAVA_CALL, "/RPC2")[0], 200)
        self.assertEqual(post(self.fab.fabric_port, JAVA_CALL, "/other")[0], 404)
        no_params = "<?xml version='1.0'?><methodCall><methodName>dump.fabric_nodes</methodName></methodCall>"
        status, body, _ = post(self.fab.fabric_port, no_params)
        self.assertEqual(status, 200)
        self.assertIn("<int>%d</int>" % self.fab.fabric_port, body)

    def test_envelope_fault_and_in_band_error(self):
        version, uuid, ttl, error, sets = self.proxy.dump.servers(0, "ha1")
        self.assertEqual((version, uuid, error), (1, "5ca1ab1e-a007-feed-f00d-cab3fe13249e", ""))
        self.assertEqual(sets[0]["info"]["names"],
                         ["server_uuid", "group_id", "host", "port", "mode", "status", "weight"])
        with self.assertRaises(xmlrpc.client.Fault) as cm:
            self.proxy._some_nonexisting_method()
        self.assertEqual(cm.exception.faultCode, 1)
        self.assertEqual(self.proxy.group.lookup_servers("nosuch")[3], "Group (nosuch) does not exist.")
        self.assertIn("system.listMethods", self.proxy.system.listMethods())

    def test_hash_bounds_and_lookup(self):
        rows = self.proxy.dump.sharding_information(0, "db.users")[4][0]["rows"]
        self.assertEqual(rows[0][3], hashlib.md5(b"shard1").hexdigest().upper())
        res = self.proxy.sharding.lookup_servers("db.orders", "10000", "LOCAL")
        self.assertEqual(res[4][0]["rows"][0][1], "127.0.0.1:3322")
        self.assertEqual(self.proxy.sharding.lookup_servers("db.orders", "0")[3], "Invalid Key 0")


class Failover(unittest.TestCase):
    def test_report_failure_promotes_and_hides_faulty(self):
        with FabricServerProcess(TOPO) as fab:
            p = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % fab.fabric_port)
            reply = p.threat.report_failure("aaaaaaaa-0000-0000-0000-000000000001", "me", 2003)
            self.assertEqual(reply[3], "")
            self.assertEqual(len(reply[4]), 2)
            rows = p.dump.servers(0, "ha1")[4][0]["rows"]
            self.assertNotIn("aaaaaaaa-0000-0000-0000-000000000001", [r[0] for r in rows])
            primary = [r for r in rows if r[5] == 3]
            self.assertEqual(primary[0][0], "aaaaaaaa-0000-0000-0000-000000000002")  # first secondary by address
            calls = fab.control.calls()
            self.assertEqual(calls[0]["method"], "threat.report_failure")
            self.assertEqual(calls[0]["params"], ["aaaaaaaa-0000-0000-0000-000000000001", "me", 2003])


class Auth(unittest.TestCase):
    def test_empty_body_challenge_and_bad_digest(self):
        with FabricServerProcess(TOPO, users=["connector:secret"]) as fab:
            status, _, headers = post(fab.fabric_port, "")
            self.assertEqual(status, 401)
            self.assertIn('realm="MySQL Fabric"', headers["WWW-Authenticate"])
            self.assertIn('qop="auth"', headers["WWW-Authenticate"])
            bad = 'Digest username="connector", realm="MySQL Fabric", nonce="n", uri="/RPC2", response="00", qop=auth, nc=00000001, cnonce="c"'
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, headers={"Authorization": bad})[0], 400)
            extra = bad.replace('cnonce="c"', 'cnonce="c", foo="bar"')
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, headers={"Authorization": extra})[0], 400)

    def test_section_40_digest_is_accepted_and_nc_must_increase(self):
        with FabricServerProcess(TOPO, users=["connector:secret"]) as fab:
            nonce = "MjAxNS0wOS0xMFQxMjowMDowMC4wMDAwMDA7OzFhMmIz"
            hdr = ('Digest username="connector", realm="MySQL Fabric", nonce="%s", uri="/RPC2", '
                   'response="%s", opaque="3f1c", algorithm="MD5", qop=auth, nc=%s, cnonce="0a4f113b"')
            ok1 = hdr % (nonce, "ed506ddbe3495b3f27803ed044c4ec3b", "00000001")
            ok2 = hdr % (nonce, "ebaa3ec3e65508484aaf00a52337fcb1", "00000002")
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, "/", {"Authorization": ok1})[0], 200)
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, "/", {"Authorization": ok1})[0], 401)  # replayed nc
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, "/", {"Authorization": ok2})[0], 200)


def digest_header(nonce, nc, user="connector", password="secret", cnonce="0a4f113b"):
    ha1 = hashlib.md5(("%s:MySQL Fabric:%s" % (user, password)).encode()).hexdigest()
    ha2 = hashlib.md5(b"POST:/RPC2").hexdigest()
    ncs = "%08x" % nc
    resp = hashlib.md5(("%s:%s:%s:%s:auth:%s" % (ha1, nonce, ncs, cnonce, ha2)).encode()).hexdigest()
    return ('Digest username="%s", realm="MySQL Fabric", nonce="%s", uri="/RPC2", response="%s", '
            'algorithm="MD5", qop=auth, nc=%s, cnonce="%s"' % (user, nonce, resp, ncs, cnonce))


class RealFabricQuirks(unittest.TestCase):
    def test_purged_nonce_closes_the_connection_without_a_reply(self):
        with FabricServerProcess(TOPO, users=["connector:secret"], real_fabric=True,
                                 quirks={"nonce_purge_seconds": 0.3}) as fab:
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, headers={"Authorization": digest_header("n1", 1)})[0],
                             200)
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, headers={"Authorization": digest_header("n1", 2)})[0],
                             200)
            time.sleep(0.4)
            with self.assertRaises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
                post(fab.fabric_port, JAVA_CALL, headers={"Authorization": digest_header("n1", 3)})
            self.assertGreaterEqual(fab.control.nonce_purges(), 1)
            self.assertEqual(fab.control.requests()[-1]["status"], "closed")
            # A fresh nonce starts at nc=1 and works at once.
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, headers={"Authorization": digest_header("n2", 1)})[0],
                             200)

    def test_designed_behaviour_rechallenges_a_forgotten_nonce(self):
        with FabricServerProcess(TOPO, users=["connector:secret"]) as fab:
            self.assertEqual(post(fab.fabric_port, JAVA_CALL, headers={"Authorization": digest_header("n1", 5)})[0],
                             401)

    def test_report_failure_without_candidate_records_faulty_and_answers_an_error(self):
        topo = {"groups": [{"id": "solo", "servers": [
            {"uuid": "s-1", "host": "127.0.0.1", "port": 3390, "mode": "READ_WRITE", "status": "PRIMARY"}]}]}
        with FabricServerProcess(topo, real_fabric=True) as fab:
            p = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % fab.fabric_port)
            reply = p.threat.report_failure("s-1", "me", 2003)
            self.assertIn("no valid candidate", reply[3])
            self.assertEqual(fab.control.topology()["groups"][0]["servers"][0]["status"], 0)  # FAULTY
            self.assertEqual(p.dump.servers(0, "solo")[4][0]["rows"], [])
            fab.control.quirks(report_no_candidate="ok", faulty_in_dump=True, dump_pattern="exact")
            self.assertEqual(len(p.dump.servers(0, "solo")[4][0]["rows"]), 1)
            self.assertEqual(p.dump.servers(0, "sol")[4][0]["rows"], [])

    def test_unknown_quirk_is_refused(self):
        with FabricServerProcess(TOPO) as fab:
            with self.assertRaises(Exception):
                fab.control.quirks(no_such_quirk=1)


if __name__ == "__main__":
    unittest.main()
