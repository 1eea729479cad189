/** TRUSTED_PROXIES entries and how a client is found behind them (`client_address.ts`). */
import assert from "node:assert/strict";
import { getHeapStatistics } from "node:v8";
import {
  canonicalAddress,
  clientAddress,
  clientNetwork,
  isProxyEntry,
  trustedProxies,
} from "./client_address.ts";

function ask(peer: string, headers: Record<string, string>, trusted: string[]): string {
  return clientAddress(
    new Request("http://node/", { headers }),
    { remoteAddr: { hostname: peer } },
    trustedProxies(trusted),
  );
}

Deno.test("entries: IPv4 and IPv6 addresses and CIDR ranges; anything else is refused", () => {
  for (
    const entry of ["10.0.0.5", "10.0.0.0/8", "0.0.0.0/0", "::1", "fd00::/8", "::ffff:10.0.0.1"]
  ) {
    assert.ok(isProxyEntry(entry), entry);
  }
  for (
    const entry of ["nginx", "10.0.0.256", "10.0.0.0/33", "::1/129", "1:2:3", "10.0.0.0/8/8", ""]
  ) {
    assert.ok(!isProxyEntry(entry), entry);
  }
  assert.throws(() => trustedProxies(["localhost"]), /Not an IP address/);
});

Deno.test("ranges match by prefix, per family; an IPv4-mapped IPv6 peer is its IPv4 address", () => {
  const trusted = trustedProxies(["10.0.0.0/8", "fd00::/8", "192.0.2.1"]);
  assert.ok(trusted.has("10.255.1.2"));
  assert.ok(!trusted.has("11.0.0.1"));
  assert.ok(trusted.has("fd12:3456::1"));
  assert.ok(!trusted.has("fe80::1"));
  assert.ok(trusted.has("::ffff:10.1.1.1"));
  assert.ok(trusted.has("192.0.2.1") && !trusted.has("192.0.2.2"));
  assert.ok(!trusted.has("not an address"));
});

Deno.test("the peer is the client unless it is a trusted proxy", () => {
  const headers = { "X-Forwarded-For": "198.51.100.7", "X-Real-IP": "198.51.100.8" };
  assert.equal(ask("127.0.0.1", headers, []), "127.0.0.1");
  assert.equal(ask("127.0.0.2", headers, ["127.0.0.1"]), "127.0.0.2");
  assert.equal(ask("127.0.0.1", headers, ["127.0.0.1"]), "198.51.100.7");
  assert.equal(ask("127.0.0.1", { "X-Real-IP": "198.51.100.8" }, ["127.0.0.1"]), "198.51.100.8");
  assert.equal(ask("127.0.0.1", { "X-Real-IP": "junk" }, ["127.0.0.1"]), "127.0.0.1");
  assert.equal(ask("127.0.0.1", {}, ["127.0.0.1"]), "127.0.0.1");
});

Deno.test("X-Forwarded-For is read from the right: the first untrusted hop is the client", () => {
  const trusted = ["127.0.0.1", "10.0.0.0/8"];
  const xff = (value: string) => ask("127.0.0.1", { "X-Forwarded-For": value }, trusted);
  assert.equal(xff("203.0.113.1, 198.51.100.7"), "198.51.100.7", "a spoofed left part is skipped");
  assert.equal(xff("198.51.100.7, 10.0.0.2"), "198.51.100.7", "through two proxies");
  assert.equal(xff("10.0.0.3, 10.0.0.2"), "10.0.0.3", "every hop trusted: the farthest");
  assert.equal(xff("198.51.100.7, junk, 10.0.0.2"), "10.0.0.2", "a malformed hop ends the chain");
  assert.equal(xff("[2001:db8::1]:4711"), "2001:db8::1");
  assert.equal(xff("198.51.100.7:4711"), "198.51.100.7", "a port is not part of the client");
});

Deno.test("a canonical IPv4 peer is its own form and network, with next to no garbage a call", () => {
  for (const peer of ["203.0.113.7", "0.0.0.0", "255.255.255.255", "10.0.0.1", "1.20.199.250"]) {
    assert.equal(canonicalAddress(peer), peer);
    assert.equal(clientNetwork(peer), peer);
  }
  // Not canonical: parsed as before (leading zeros dropped, a part past 255 no address).
  assert.equal(canonicalAddress("010.000.0.01"), "10.0.0.1");
  assert.equal(clientNetwork("10.0.0.1:5000"), "10.0.0.1");
  assert.equal(canonicalAddress("256.0.0.1"), "256.0.0.1");
  assert.equal(canonicalAddress(" 10.0.0.1"), "10.0.0.1");
  // V8's count of bytes allocated (not a time): parsing cost ~1.4 KB a call, this path ~20 B.
  const allocated = () =>
    (getHeapStatistics() as unknown as { total_allocated_bytes: number }).total_allocated_bytes;
  const calls = 20_000;
  const before = allocated();
  for (let i = 0; i < calls; i++) {
    canonicalAddress("203.0.113.7");
    clientNetwork("198.51.100.23");
  }
  const perCall = (allocated() - before) / calls / 2;
  assert.ok(perCall < 128, `${perCall.toFixed(1)} bytes a call`);
});
