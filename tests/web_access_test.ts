/**
 * The dashboard, the API reference and the documents beside hardening: with AUTH_TOKEN the
 * pages and their assets load without it while every data call needs it; `/metrics` takes it as
 * a header or `?token=`, a simulation report as a header only; uploads pass the media-type check with
 * the file types their routes read and nothing else.
 */
import assert from "node:assert/strict";
import { charxWith, pngWith, v2Card, v3Card, v3Files } from "./_cards.ts";
import { startTestServer } from "./_helpers.ts";

const TOKEN = "web-token-0123456789abcdef";
const BEARER = { Authorization: `Bearer ${TOKEN}` };

async function status(url: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(url, init);
  await response.body?.cancel();
  return response.status;
}

async function finishedRun(api: string): Promise<string> {
  const started = await fetch(`${api}/simulations`, {
    method: "POST",
    headers: { ...BEARER, "Content-Type": "application/json" },
    body: JSON.stringify({ scenario: "tavern_evening", ticks: 3, model: "scripted" }),
  });
  assert.equal(started.status, 201);
  const { run_id } = await started.json();
  for (let i = 0; i < 200; i++) {
    const run = await (await fetch(`${api}/simulations/${run_id}`, { headers: BEARER })).json();
    if (run.status === "done") return run_id;
    if (run.status !== "running") throw new Error(`simulation ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`simulation ${run_id} did not finish`);
}

Deno.test("with AUTH_TOKEN, the dashboard shell and API reference load without it; data calls need it", async () => {
  const server = await startTestServer({ AUTH_TOKEN: TOKEN });
  const base = server.apiUrl.replace(/\/api$/, "");
  try {
    const pages = [
      "/",
      "/ui/app.js",
      "/ui/app.css",
      "/api/docs",
      "/api/docs/swagger-ui.css",
      "/api/docs/swagger-ui-bundle.js",
      "/api/docs/init.js",
      "/api/openapi.json",
      "/api/openrpc.json",
    ];
    for (const path of pages) {
      assert.equal(await status(`${base}${path}`), 200, `${path} without the token`);
      assert.equal(await status(`${base}${path}`, { method: "HEAD" }), 200, `HEAD ${path}`);
    }
    assert.equal(await status(`${base}/favicon.ico`), 204, "no icon, and no 401 for it");
    const shellResponse = await fetch(`${base}/`);
    const shell = await shellResponse.text();
    assert.doesNotMatch(shell, /Aria|Kira/, "the shell holds no data");
    // The page may connect to its own port and the WebSocket's, on the host it was asked for.
    const wsPort = new URL(server.wsUrl).port;
    assert.match(
      shellResponse.headers.get("content-security-policy")!,
      new RegExp(
        `connect-src 'self' ws://127\\.0\\.0\\.1:${wsPort} wss://127\\.0\\.0\\.1:${wsPort};`,
      ),
    );

    const data = [
      ["GET", "/api/personas"],
      ["GET", "/api/system/settings"],
      ["GET", "/api/lorebooks"],
      ["GET", "/api/rooms"],
      ["GET", "/api/simulations"],
      ["GET", "/api/personas/aria/card"],
      ["GET", "/ui/other.js"],
      ["POST", "/api/rpc"],
      ["POST", "/api/personas/import"],
      ["POST", "/"],
    ];
    for (const [method, path] of data) {
      const response = await fetch(`${base}${path}`, { method });
      assert.equal(response.status, 401, `${method} ${path}`);
      assert.match((await response.json()).error.message, /^Unauthorized/);
    }
    assert.equal(await status(`${base}/api/personas`, { headers: BEARER }), 200);
    assert.equal(
      await status(`${base}/api/personas?token=${TOKEN}`),
      401,
      "data routes take the token only as a header",
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("with AUTH_TOKEN, /metrics takes the token as Bearer or ?token=, a simulation report as Bearer only", async () => {
  const server = await startTestServer({ AUTH_TOKEN: TOKEN });
  const base = server.apiUrl.replace(/\/api$/, "");
  try {
    assert.equal(await status(`${base}/metrics`), 401);
    assert.equal(await status(`${base}/metrics?token=wrong-token-0123456789`), 401);
    const byHeader = await fetch(`${base}/metrics`, { headers: BEARER });
    assert.equal(byHeader.status, 200);
    assert.equal(byHeader.headers.get("cache-control"), "no-store", "its address may hold ?token=");
    assert.equal(byHeader.headers.get("referrer-policy"), "no-referrer");
    assert.match(await byHeader.text(), /^# HELP /m);
    assert.equal(await status(`${base}/metrics?token=${TOKEN}`), 200);
    assert.equal(
      await status(`${base}/metrics?token=${TOKEN}`, { method: "POST" }),
      401,
      "?token= is for reading a linked document only",
    );

    const runId = await finishedRun(server.apiUrl);
    const report = `${server.apiUrl}/simulations/${runId}/report`;
    assert.equal(await status(report), 401);
    assert.equal(await status(`${report}?token=not-the-token-0123`), 401);
    // The dashboard fetches it with the header: the token is never in its address.
    assert.equal(await status(`${report}?token=${encodeURIComponent(TOKEN)}`), 401);
    const page = await fetch(report, { headers: BEARER });
    assert.equal(page.status, 200, await page.clone().text());
    assert.equal(page.headers.get("referrer-policy"), "no-referrer", "the token goes nowhere");
    assert.equal(page.headers.get("cache-control"), "no-store");
    const csp = page.headers.get("content-security-policy") ?? "";
    for (
      const directive of [
        "default-src 'none'",
        "frame-ancestors 'self'",
        "sandbox allow-scripts",
        "base-uri 'none'",
        "form-action 'none'",
      ]
    ) {
      assert.ok(csp.includes(directive), `report CSP has ${directive}: ${csp}`);
    }
    const html = await page.text();
    assert.match(html, /tavern_evening/);
    // The one inline script is allowed by its hash, nothing else.
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(script));
    const encoded = btoa(String.fromCharCode(...new Uint8Array(hash)));
    assert.match(csp, new RegExp(`script-src 'sha256-${encoded.replace(/[+/]/g, "\\$&")}';`));
    assert.equal(await status(`${report}?format=json`, { headers: BEARER }), 200);
  } finally {
    await server.shutdown();
  }
});

Deno.test("uploads take the file types their routes read; other bodies are 415 with Accept-Post", async () => {
  const server = await startTestServer();
  const api = server.apiUrl;
  try {
    const card = (name: string) =>
      JSON.stringify({ ...v2Card(), data: { ...(v2Card().data as object), name } });
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(pngWith({ chara: v2Card() }))]), "card.png");
    const accepted: Array<[string, BodyInit, Record<string, string>]> = [
      ["png", new Uint8Array(pngWith({ chara: v2Card() })), { "Content-Type": "image/png" }],
      ["charx", new Uint8Array(charxWith(v3Card(), v3Files())), {
        "Content-Type": "application/zip",
      }],
      ["zip (Windows)", new Uint8Array(charxWith(v3Card(), v3Files())), {
        "Content-Type": "application/x-zip-compressed",
      }],
      ["json", card("Jsonny"), { "Content-Type": "application/json; charset=utf-8" }],
      ["bytes", card("Bytey"), { "Content-Type": "application/octet-stream" }],
      ["form", form, {}],
      // What curl --data-binary sends without -H, and a fetch of a string (attack14 F9).
      ["curl", card("Curly"), { "Content-Type": "application/x-www-form-urlencoded" }],
      ["text", card("Texty"), { "Content-Type": "text/plain;charset=UTF-8" }],
    ];
    for (const [label, body, headers] of accepted) {
      const response = await fetch(`${api}/personas/import?on_conflict=rename`, {
        method: "POST",
        body,
        headers,
      });
      assert.equal(response.status, 201, `${label}: ${await response.clone().text()}`);
      await response.body?.cancel();
    }
    const refused: Array<[string, string]> = [
      ["/personas/import", "application/xml"],
      ["/personas/bundles", "image/png"],
      ["/lorebooks/import", "application/zip"],
      ["/lorebooks/import", "text/xml"],
    ];
    for (const [path, type] of refused) {
      const response = await fetch(`${api}${path}`, {
        method: "POST",
        body: card("Refused"),
        headers: { "Content-Type": type },
      });
      assert.equal(response.status, 415, `${path} as ${type}`);
      assert.ok(response.headers.get("accept-post")?.includes("multipart/form-data"));
      const body = await response.json();
      assert.match(body.error.message, /^Unsupported Media Type/);
      assert.ok(Array.isArray(body.error.data.accepted));
    }
    const bundle = await (await fetch(`${api}/personas/aria/bundle`)).text();
    for (const type of ["application/json", "application/octet-stream"]) {
      const response = await fetch(`${api}/personas/bundles?on_conflict=rename`, {
        method: "POST",
        body: bundle,
        headers: { "Content-Type": type },
      });
      assert.equal(response.status, 201, `bundle as ${type}`);
      await response.body?.cancel();
    }
    const book = JSON.stringify({
      name: "Harbor",
      entries: { "0": { key: ["dock"], content: "x" } },
    });
    const lore = await fetch(`${api}/lorebooks/import`, {
      method: "POST",
      body: book,
      headers: { "Content-Type": "application/octet-stream" },
    });
    assert.equal(lore.status, 201, await lore.clone().text());
    await lore.body?.cancel();
  } finally {
    await server.shutdown();
  }
});
