/**
 * Client addresses in canonical form, ranges by family and prefix, long proxy chains, the
 * start-up warning for ranges that trust everyone, and `forClients` keeping the request info's
 * fields (`client_address.ts`).
 */
import assert from "node:assert/strict";
import {
  canonicalAddress,
  clientAddress,
  clientNetwork,
  forClients,
  isProxyEntry,
  trustedProxies,
  trustsEveryone,
} from "./client_address.ts";

function ask(peer: string, headers: Record<string, string>, trusted: string[]): string {
  return clientAddress(
    new Request("http://node/", { headers }),
    { remoteAddr: { hostname: peer } },
    trustedProxies(trusted),
  );
}

Deno.test("one client, one key: addresses are given in canonical form", () => {
  const cases: Array<[string, string]> = [
    ["2001:DB8:0:0::1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"],
    ["0:0:0:0:0:0:0:0", "::"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:CB00:7107", "203.0.113.7"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1.2.3.4", "::102:304"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["010.000.000.001", "10.0.0.1"],
    ["unknown", "unknown"],
  ];
  for (const [given, canonical] of cases) assert.equal(canonicalAddress(given), canonical, given);
  // As the peer, in a forwarded hop, and in X-Real-IP.
  assert.equal(ask("::ffff:127.0.0.1", {}, []), "127.0.0.1");
  assert.equal(ask("2001:DB8::7", {}, []), "2001:db8::7");
  const proxy = ["127.0.0.1"];
  assert.equal(ask("127.0.0.1", { "X-Forwarded-For": "2001:DB8:0:0::1" }, proxy), "2001:db8::1");
  assert.equal(ask("127.0.0.1", { "X-Forwarded-For": "::ffff:203.0.113.7" }, proxy), "203.0.113.7");
  assert.equal(ask("127.0.0.1", { "X-Real-IP": "FE80::1%eth0" }, proxy), "fe80::1");
});

Deno.test("IPv6 text: eight groups plus `::` and other malformed forms are refused", () => {
  for (const entry of ["1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1::2::3", "12345::", "::1.2.3"]) {
    assert.ok(!isProxyEntry(entry), entry);
  }
  for (const entry of ["1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "::1.2.3.4", "fe80::1%eth0"]) {
    assert.ok(isProxyEntry(entry), entry);
  }
  assert.ok(trustedProxies(["fe80::/10"]).has("fe80::1%eth0"), "a zone id is not the address");
  assert.ok(trustedProxies(["::1.2.3.4"]).has("::102:304"));
});

Deno.test("ranges: by family only, and a range's host bits are ignored", () => {
  assert.ok(!trustedProxies(["10.0.0.0/8"]).has("::a00:1"), "an IPv6 peer is not an IPv4 one");
  assert.ok(!trustedProxies(["::a00:0/104"]).has("10.0.0.1"), "an IPv4 peer is not an IPv6 one");
  assert.ok(trustedProxies(["::a00:0/104"]).has("::a00:1"));
  const hostBits = trustedProxies(["10.1.2.3/8", "2001:db8::1/32"]);
  assert.ok(hostBits.has("10.200.0.1"));
  assert.ok(hostBits.has("2001:db8:ffff::9"));
  assert.ok(!hostBits.has("11.1.2.3"));
});

Deno.test("X-Forwarded-For: up to 16 hops are read from the right", () => {
  const trusted = ["127.0.0.1", "10.0.0.0/8"];
  const proxies = (count: number) => Array.from({ length: count }, (_, i) => `10.0.0.${i + 1}`);
  const chain = (count: number) => ["198.51.100.7", ...proxies(count)].join(", ");
  const xff = (value: string) => ask("127.0.0.1", { "X-Forwarded-For": value }, trusted);
  assert.equal(xff(chain(15)), "198.51.100.7", "15 proxies and the client: 16 hops");
  assert.equal(xff(chain(16)), "10.0.0.1", "past 16 hops: the farthest hop read");
});

Deno.test("a range that trusts every address is named for the start-up warning", () => {
  assert.deepEqual(trustsEveryone(["10.0.0.0/8", "0.0.0.0/0", "::/0", "::1"]), [
    "0.0.0.0/0",
    "::/0",
  ]);
  assert.deepEqual(trustsEveryone(["127.0.0.1", "fd00::/8"]), []);
});

Deno.test("forClients: the handler sees the client, and the request info keeps its fields", async () => {
  const seen: Array<{ hostname: string; completed: boolean }> = [];
  const handler = forClients<Deno.NetAddr>((_request, info) => {
    seen.push({
      hostname: info.remoteAddr.hostname,
      completed: info.completed instanceof Promise,
    });
    return new Response("ok");
  }, trustedProxies(["127.0.0.1"]));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  try {
    const url = `http://127.0.0.1:${server.addr.port}/`;
    for (const xff of ["2001:DB8::1", "127.0.0.1"]) {
      const response = await fetch(url, { headers: { "X-Forwarded-For": xff } });
      await response.body?.cancel();
    }
  } finally {
    await server.shutdown();
  }
  assert.deepEqual(seen, [
    { hostname: "2001:db8::1", completed: true },
    { hostname: "127.0.0.1", completed: true },
  ]);
});

Deno.test("clientNetwork: IPv4 whole (mapped too), IPv6 as its /64, other text as it is", () => {
  const cases: Array<[string, string]> = [
    ["192.0.2.1", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["[::ffff:c000:201]", "192.0.2.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:DB8:0001:0002::", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80::/64"],
    ["::1", "::/64"],
    ["unknown", "unknown"],
  ];
  for (const [given, network] of cases) assert.equal(clientNetwork(given), network, given);
});
