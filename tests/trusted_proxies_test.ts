/**
 * TRUSTED_PROXIES (`core/cluster/client_address.ts`): behind a trusted proxy the rate limits
 * count by the client the proxy forwards for (`X-Forwarded-For`, `X-Real-IP`), on the REST port
 * and on `/mcp`; from any other peer those headers are ignored, so a client that reaches the
 * node directly cannot pick a fresh bucket by writing them. Real sockets on 127.0.0.1, which
 * plays the proxy.
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { startTestServer, testConfig } from "./_helpers.ts";

const LIMITS = { RATE_LIMIT_PER_S: "0.01", RATE_LIMIT_BURST: "2" };

/** The statuses of `count` requests to `url`, each with `headers`. */
async function statuses(
  url: string,
  headers: Record<string, string>,
  count: number,
  init: RequestInit = {},
): Promise<number[]> {
  const answered: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(url, { ...init, headers: { ...headers, ...init.headers } });
    answered.push(response.status);
    await response.body?.cancel();
  }
  return answered;
}

/** A Streamable HTTP `ping` to `/mcp` (no session needed for the limiter to count it). */
const MCP_PING: RequestInit = {
  method: "POST",
  headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
};

Deno.test("behind a trusted proxy each forwarded client has its own rate-limit bucket", async () => {
  const server = await startTestServer({ ...LIMITS, TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1" });
  const mcp = server.wsUrl.replace("ws:", "http:");
  try {
    for (const url of [`${server.apiUrl}/health`, mcp]) {
      const init = url === mcp ? MCP_PING : {};
      const a = { "X-Forwarded-For": "198.51.100.7" };
      assert.deepEqual((await statuses(url, a, 3, init)).at(-1), 429, `${url}: A over its burst`);
      // Another client behind the same proxy: its own bucket.
      assert.notEqual((await statuses(url, { "X-Real-IP": "203.0.113.9" }, 1, init))[0], 429);
      // A spoofed entry at the left does not make A someone else: the proxy appended A last.
      const spoofed = { "X-Forwarded-For": "192.0.2.1, 198.51.100.7" };
      assert.deepEqual(await statuses(url, spoofed, 1, init), [429], `${url}: still A`);
      // A chain of trusted proxies: the first untrusted address from the right is the client.
      const chain = { "X-Forwarded-For": "192.0.2.50, 10.1.2.3" };
      assert.notEqual((await statuses(url, chain, 1, init))[0], 429);
    }
  } finally {
    await server.shutdown();
  }
});

Deno.test("without trusted proxies X-Forwarded-For and X-Real-IP are ignored: one peer, one bucket", async () => {
  const server = await startTestServer(LIMITS);
  try {
    const url = `${server.apiUrl}/health`;
    assert.deepEqual(await statuses(url, { "X-Forwarded-For": "198.51.100.7" }, 3), [
      200,
      200,
      429,
    ]);
    assert.deepEqual(await statuses(url, { "X-Forwarded-For": "198.51.100.8" }, 1), [429]);
    assert.deepEqual(await statuses(url, { "X-Real-IP": "198.51.100.9" }, 1), [429]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("TRUSTED_PROXIES refuses a name or a bad range at start, naming the setting", () => {
  assert.deepEqual(testConfig({ TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).TRUSTED_PROXIES, [
    "10.0.0.0/8",
    "::1",
  ]);
  for (const value of ["nginx", "10.0.0.0/40"]) {
    assert.throws(() => testConfig({ TRUSTED_PROXIES: value }), /TRUSTED_PROXIES/);
  }
});

Deno.test("one client, one bucket however its proxy spells its address", async () => {
  const server = await startTestServer({ ...LIMITS, TRUSTED_PROXIES: "127.0.0.1" });
  try {
    const url = `${server.apiUrl}/health`;
    const spellings = ["2001:DB8:0:0::1", "2001:db8::1", "2001:0db8::0001"];
    const answered = await Promise.all(
      spellings.map(async (spelling) =>
        (await statuses(url, { "X-Forwarded-For": spelling }, 1))[0]
      ),
    );
    assert.deepEqual(answered.toSorted(), [200, 200, 429], "three spellings, one burst of 2");
    const v4 = [
      ...await statuses(url, { "X-Forwarded-For": "::ffff:203.0.113.7" }, 2),
      ...await statuses(url, { "X-Forwarded-For": "203.0.113.7" }, 1),
    ];
    assert.deepEqual(v4, [200, 200, 429], "an IPv4-mapped address is its IPv4 address");
  } finally {
    await server.shutdown();
  }
});

Deno.test("an IPv6 client is its /64 for the request rate, REST and /mcp alike", async () => {
  const server = await startTestServer({ ...LIMITS, TRUSTED_PROXIES: "127.0.0.1" });
  const mcp = server.wsUrl.replace("ws:", "http:");
  try {
    const cases: [string, string][] = [[`${server.apiUrl}/health`, "2001:db8:5:6"], [
      mcp,
      "2001:db8:5:7",
    ]];
    for (const [url, net] of cases) {
      const init = url === mcp ? MCP_PING : {};
      const from = (client: string) => ({ "X-Forwarded-For": client });
      // Fresh addresses of one /64 share its burst of 2.
      const sameNetwork = [
        ...await statuses(url, from(`${net}::1`), 1, init),
        ...await statuses(url, from(`${net}:ffff:1:2:3`), 1, init),
        ...await statuses(url, from(`${net}::abcd`), 1, init),
      ];
      assert.equal(sameNetwork.at(-1), 429, `${url}: one /64, one bucket`);
      assert.notEqual((await statuses(url, from(`${net}1::1`), 1, init))[0], 429, "next /64");
    }
  } finally {
    await server.shutdown();
  }
});

Deno.test("TRUSTED_PROXIES that trusts every address is warned about at start", async () => {
  const lines: string[] = [];
  const log = createLogger("warn", { write: (line) => lines.push(line) });
  const server = await startServer(testConfig({ TRUSTED_PROXIES: "0.0.0.0/0, ::1" }), { log });
  await server.shutdown();
  const warned = lines.filter((line) => line.includes("TRUSTED_PROXIES trusts every address"));
  assert.equal(warned.length, 1, lines.join("\n"));
  assert.match(warned[0]!, /TRUSTED_PROXIES=0\.0\.0\.0\/0/);
});
