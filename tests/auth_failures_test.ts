/**
 * Online guessing of AUTH_TOKEN is slowed on every network transport: past AUTH_FAILURE_BURST
 * failed token checks from one client, its requests get 429 and Retry-After before the token is
 * compared (a right guess too), and the refusals are logged at warn without the token. REST and
 * `/mcp` share the one allowance; an IPv6 client is its /64. The general rate limit
 * (RATE_LIMIT_PER_S) counts refused requests too. Real sockets on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { createLogger } from "../core/log.ts";
import { startServer } from "../core/server/server.ts";
import { AUTH_FAILURE_BURST } from "../core/server/security/auth_failures.ts";
import { MCP_INITIALIZE, testConfig } from "./_helpers.ts";
import { bearer, rawUpgrade as upgrade, status } from "./_auth.ts";

const TOKEN = "guess-me-0123456789abcdefXYZ";
const WRONG = "wrong-token-0123456789abcdef";

async function startLogged(env: Record<string, string>) {
  const lines: string[] = [];
  const log = createLogger("warn", { write: (line) => lines.push(line) });
  const server = await startServer(testConfig(env), { log });
  return { server, lines };
}

Deno.test("REST: wrong or missing tokens past the allowance get 429 before the check, logged without the token", async () => {
  const { server, lines } = await startLogged({ AUTH_TOKEN: TOKEN });
  try {
    const url = `${server.apiUrl}/personas`;
    const seen: number[] = [];
    for (let i = 0; i < AUTH_FAILURE_BURST; i++) {
      seen.push(await status(await fetch(url, { headers: bearer(`${WRONG}${i}`) })));
    }
    assert.deepEqual(new Set(seen), new Set([401]), "the allowance: plain 401s");
    const limited = await fetch(url, { headers: bearer(WRONG) });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    assert.equal((await limited.json()).error.code, -32006);
    const right = await fetch(url, { headers: bearer(TOKEN) });
    assert.equal(right.status, 429, "a right guess is not told apart while over the limit");
    assert.ok(right.headers.get("retry-after"));
    await right.body?.cancel();
    assert.equal(
      await status(await fetch(`${server.apiUrl.replace(/\/api$/, "")}/`)),
      200,
      "public pages need no token and stay open",
    );
    const logged = lines.filter((line) => line.includes("without the right token"));
    assert.ok(logged.length >= 1 && logged.length <= 2, `rate-limited log lines: ${logged}`);
    assert.match(logged[0]!, /WARN .* client=127\.0\.0\.1 api=REST/);
    assert.ok(lines.every((line) => !line.includes(WRONG) && !line.includes(TOKEN)));
  } finally {
    await server.shutdown();
  }
});

Deno.test("REST: a stale token repeated and requests without a token are no guesses: the right token keeps passing, new guesses still get 429", async () => {
  const { server } = await startLogged({ AUTH_TOKEN: TOKEN });
  try {
    const url = `${server.apiUrl}/personas`;
    const stale: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < AUTH_FAILURE_BURST * 3; i++) {
      const [a, b, right] = await Promise.all([
        fetch(url, { headers: bearer(WRONG) }).then(status),
        fetch(url).then(status),
        fetch(url, { headers: bearer(TOKEN) }).then(status),
      ]);
      stale.push(a);
      missing.push(b);
      assert.equal(right, 200, `the right token, round ${i}`);
    }
    assert.deepEqual(new Set(stale), new Set([401]), "the stale client only repeats its 401");
    assert.deepEqual(new Set(missing), new Set([401]), "no token: 401, not counted");
    const guesses: number[] = [];
    while (guesses.at(-1) !== 429 && guesses.length <= AUTH_FAILURE_BURST * 2) {
      guesses.push(
        await status(await fetch(url, { headers: bearer(`${WRONG}-${guesses.length}`) })),
      );
    }
    assert.equal(guesses.at(-1), 429, `new guesses are still limited: ${guesses}`);
    // The stale token was one new guess, the first time; the refill may add one.
    assert.ok(
      guesses.length - 1 >= AUTH_FAILURE_BURST - 1 && guesses.length - 1 <= AUTH_FAILURE_BURST + 1,
    );
    assert.equal(await status(await fetch(url, { headers: bearer(TOKEN) })), 429, "no oracle");
    const lastFailed = `${WRONG}-${guesses.length - 2}`;
    assert.equal(
      await status(await fetch(url, { headers: bearer(lastFailed) })),
      401,
      "a token already failed with is still answered 401, not 429",
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("REST: a right token costs nothing and keeps working beside a few wrong ones", async () => {
  const { server } = await startLogged({ AUTH_TOKEN: TOKEN });
  try {
    const url = `${server.apiUrl}/personas`;
    for (let i = 0; i < AUTH_FAILURE_BURST * 2; i++) {
      assert.equal(await status(await fetch(url, { headers: bearer(TOKEN) })), 200);
    }
    for (let i = 0; i < AUTH_FAILURE_BURST - 1; i++) {
      assert.equal(await status(await fetch(url, { headers: bearer(WRONG) })), 401);
    }
    assert.equal(await status(await fetch(url, { headers: bearer(TOKEN) })), 200);
  } finally {
    await server.shutdown();
  }
});

Deno.test("/mcp: Streamable HTTP and the WebSocket upgrade share one allowance per address, then 429", async () => {
  const { server, lines } = await startLogged({ AUTH_TOKEN: TOKEN });
  try {
    const post = (headers: Record<string, string>) =>
      fetch(server.mcpUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", ...headers },
        body: MCP_INITIALIZE,
      });
    for (let i = 0; i < AUTH_FAILURE_BURST / 2; i++) {
      assert.equal(await status(await post(bearer(`${WRONG}p${i}`))), 401);
      assert.equal((await upgrade(`${server.wsUrl}?token=${WRONG}u${i}`)).status, 401);
    }
    const limited = await post(bearer(`${WRONG}new`));
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    const body = await limited.json();
    assert.equal(body.jsonrpc, "2.0");
    assert.equal(body.error.code, -32006);
    const socket = await upgrade(`${server.wsUrl}?token=${encodeURIComponent(TOKEN)}`);
    assert.equal(socket.status, 429, "the upgrade too, even with the right token");
    assert.ok(socket.headers.get("retry-after"));
    assert.equal(await status(await post(bearer(TOKEN))), 429);
    const logged = lines.filter((line) => line.includes("without the right token"));
    assert.ok(logged.length >= 1 && logged.length <= 2, `rate-limited log lines: ${logged}`);
    assert.match(logged[0]!, /client=127\.0\.0\.1 api=\/mcp/);
    assert.ok(lines.every((line) => !line.includes(WRONG) && !line.includes(TOKEN)));
  } finally {
    await server.shutdown();
  }
});

Deno.test("the request rate limit counts refused requests too (REST and /mcp)", async () => {
  const { server } = await startLogged({
    AUTH_TOKEN: TOKEN,
    RATE_LIMIT_PER_S: "0.01",
    RATE_LIMIT_BURST: "3",
  });
  try {
    const rest = [];
    for (let i = 0; i < 4; i++) {
      rest.push(await status(await fetch(`${server.apiUrl}/personas`, { headers: bearer(WRONG) })));
    }
    assert.deepEqual(rest, [401, 401, 401, 429]);
    const mcp = [];
    for (let i = 0; i < 4; i++) {
      mcp.push((await upgrade(server.wsUrl, bearer(WRONG))).status);
    }
    assert.deepEqual(mcp, [401, 401, 401, 429]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("REST and /mcp share one allowance per client: guesses on one port use it up on the other", async () => {
  const { server } = await startLogged({ AUTH_TOKEN: TOKEN });
  try {
    const rest = (token: string) =>
      fetch(`${server.apiUrl}/personas`, { headers: bearer(token) }).then(status);
    const mcp = (token: string) =>
      fetch(server.mcpUrl, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          ...bearer(token),
        },
        body: MCP_INITIALIZE,
      }).then(status);
    for (let i = 0; i < AUTH_FAILURE_BURST / 2; i++) {
      assert.equal(await rest(`${WRONG}r${i}`), 401);
      assert.equal(await mcp(`${WRONG}m${i}`), 401);
    }
    assert.equal(await rest(`${WRONG}r-next`), 429, "REST: the half it used and the half /mcp did");
    assert.equal(await mcp(TOKEN), 429, "/mcp: the same allowance, used up");
    assert.equal((await upgrade(`${server.wsUrl}?token=${WRONG}u`)).status, 429);
  } finally {
    await server.shutdown();
  }
});

Deno.test("an IPv6 client is its /64: fresh addresses of one /64 share its allowance, the next /64 has its own", async () => {
  // 127.0.0.1 plays the proxy that tells who the client is (TRUSTED_PROXIES).
  const { server, lines } = await startLogged({ AUTH_TOKEN: TOKEN, TRUSTED_PROXIES: "127.0.0.1" });
  try {
    const guess = (client: string, token: string) =>
      fetch(`${server.apiUrl}/personas`, {
        headers: { ...bearer(token), "X-Forwarded-For": client },
      }).then(status);
    for (let i = 0; i < AUTH_FAILURE_BURST; i++) {
      assert.equal(await guess(`2001:db8:7:8::${(i + 1).toString(16)}`, `${WRONG}${i}`), 401);
    }
    assert.equal(await guess("2001:db8:7:8:ffff:1:2:3", `${WRONG}-x`), 429, "the same /64");
    assert.equal(await guess("2001:db8:7:8:ffff:1:2:3", TOKEN), 429, "the right token too");
    assert.equal(await guess("2001:db8:7:9::1", `${WRONG}-y`), 401, "another /64: its own");
    assert.equal(await guess("198.51.100.1", `${WRONG}-z`), 401, "an IPv4 client: its own");
    const logged = lines.filter((line) => line.includes("without the right token"));
    assert.match(logged[0]!, /client=2001:db8:7:8::\/64 /);
  } finally {
    await server.shutdown();
  }
});
