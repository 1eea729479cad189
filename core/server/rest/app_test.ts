import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { createLogger } from "../../log.ts";
import { ECHO_MAX } from "../../text_cut.ts";
import { BodyNotReceived } from "../transport/body_deadline.ts";
import { FakeOllama } from "../../../tests/fake_ollama.ts";

async function restApp(env: Record<string, string> = {}) {
  const parts = await buildServer(testConfig(env), { log: testLogger(), databasePath: ":memory:" });
  return { ...parts, [Symbol.asyncDispose]: () => parts.services.db.close() };
}

function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...headers },
  };
}

Deno.test("GET /api/health and /api/system/status", async () => {
  await using app = await restApp();
  const health = await app.rest.request("/api/health");
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, "healthy");
  const status = await (await app.rest.request("/api/system/status")).json();
  assert.equal(status.persona_count, 2);
  assert.equal(status.storage_backend, "sqlite");
});

Deno.test("GET /api/system/models: the model server's models and whether DEFAULT_MODEL is there", async () => {
  const fake = FakeOllama.start();
  try {
    await using app = await restApp({ OLLAMA_HOST: fake.url });
    const answer = await app.rest.request("/api/system/models");
    assert.equal(answer.status, 200);
    const models = await answer.json();
    assert.equal(models.reachable, true);
    assert.equal(models.provider, "ollama");
    assert.equal(models.default_model_available, true);
    assert.deepEqual(models.available_models.map((m: { name: string }) => m.name), ["llama3.1:8b"]);
  } finally {
    await fake.stop();
  }
});

Deno.test("persona resource routes: list, create (201), get, patch, delete", async () => {
  await using app = await restApp();
  const list = await (await app.rest.request("/api/personas")).json();
  assert.equal(list.personas.length, 2);

  const created = await app.rest.request("/api/personas", json({ name: "Nova", goals: ["shine"] }));
  assert.equal(created.status, 201);
  const { persona_id } = await created.json();

  const got = await (await app.rest.request(`/api/personas/${persona_id}`)).json();
  assert.equal(got.persona.name, "Nova");

  const patched = await app.rest.request(`/api/personas/${persona_id}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ description: "A bright star" }),
  });
  assert.equal(patched.status, 200);
  assert.equal((await patched.json()).persona.description, "A bright star");

  const deleted = await app.rest.request(`/api/personas/${persona_id}`, { method: "DELETE" });
  assert.equal(deleted.status, 200);
  assert.equal((await deleted.json()).deleted, true);
  assert.equal((await app.rest.request(`/api/personas/${persona_id}`)).status, 404);
});

Deno.test("REST errors are JSON with fitting statuses: 400, 404, 409", async () => {
  await using app = await restApp();
  const invalid = await app.rest.request(
    "/api/personas",
    json({ name: "X", personality_traits: { openness: 2 } }),
  );
  assert.equal(invalid.status, 400);
  const invalidBody = await invalid.json();
  assert.equal(invalidBody.error.code, -32602);
  assert.equal(invalidBody.error.data.fields[0].field, "personality_traits.openness");

  const duplicate = await app.rest.request("/api/personas", json({ name: "ARIA" }));
  assert.equal(duplicate.status, 409);
  assert.equal((await duplicate.json()).error.code, -32602);

  const missing = await app.rest.request("/api/personas/nope");
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, -32000);

  const malformed = await app.rest.request("/api/personas", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{not json",
  });
  assert.equal(malformed.status, 400);
  assert.equal((await malformed.json()).error.code, -32700);

  const noRoute = await app.rest.request("/api/nothing-here");
  assert.equal(noRoute.status, 404);
  assert.ok((await noRoute.json()).error.message.includes("/api/nothing-here"));
});

Deno.test("POST /api/rpc answers single requests, batches and notifications", async () => {
  await using app = await restApp();
  const single = await app.rest.request(
    "/api/rpc",
    json({ jsonrpc: "2.0", method: "ping", id: 1 }),
  );
  assert.equal(single.status, 200);
  assert.deepEqual(await single.json(), { jsonrpc: "2.0", id: 1, result: {} });

  const batch = await app.rest.request(
    "/api/rpc",
    json([{ jsonrpc: "2.0", method: "ping", id: "a" }, {
      jsonrpc: "2.0",
      method: "nope",
      id: "b",
    }]),
  );
  const replies = await batch.json();
  assert.equal(replies.length, 2);
  assert.equal(replies[1].error.code, -32601);

  const notification = await app.rest.request("/api/rpc", json({ jsonrpc: "2.0", method: "ping" }));
  assert.equal(notification.status, 204);

  const parse = await app.rest.request("/api/rpc", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: "{oops",
  });
  assert.deepEqual((await parse.json()).error.code, -32700);
});

Deno.test("REST sessions keep an active persona across requests with X-Session-Id", async () => {
  await using app = await restApp();
  const created = await app.rest.request("/api/sessions", { method: "POST" });
  assert.equal(created.status, 201);
  const { session_id } = await created.json();
  const header = { "X-Session-Id": session_id };
  await app.rest.request(
    "/api/rpc",
    json(
      { jsonrpc: "2.0", method: "persona.switch", params: { persona_id: "kira" }, id: 1 },
      header,
    ),
  );
  const info = await (await app.rest.request(`/api/sessions/${session_id}`)).json();
  assert.equal(info.active_persona_name, "Kira");

  const visual = await app.rest.request(`/api/sessions/${session_id}/visual`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ type: "scene", data: { place: "market" } }),
  });
  assert.equal(visual.status, 200);
  const after = await (await app.rest.request(`/api/sessions/${session_id}`)).json();
  assert.deepEqual(after.visual_context.data, { place: "market" });

  const withoutSession = await app.rest.request(
    "/api/rpc",
    json({ jsonrpc: "2.0", method: "persona.get", id: 2 }),
  );
  assert.equal((await withoutSession.json()).error.code, -32001, "no header, no session state");

  assert.equal(
    (await app.rest.request(`/api/sessions/${session_id}`, { method: "DELETE" })).status,
    200,
  );
  const gone = await app.rest.request(
    "/api/rpc",
    json({ jsonrpc: "2.0", method: "ping", id: 3 }, header),
  );
  assert.equal(gone.status, 404);
});

Deno.test("CORS allows only configured origins", async () => {
  await using closed = await restApp();
  const refused = await closed.rest.request("/api/personas", {
    headers: { Origin: "http://evil.test" },
  });
  assert.equal(refused.headers.get("access-control-allow-origin"), null);

  await using open = await restApp({ CORS_ORIGINS: "http://game.test" });
  const allowed = await open.rest.request("/api/personas", {
    headers: { Origin: "http://game.test" },
  });
  assert.equal(allowed.headers.get("access-control-allow-origin"), "http://game.test");
  const other = await open.rest.request("/api/personas", { headers: { Origin: "http://x.test" } });
  const local = await closed.rest.request("/api/personas", {
    headers: { Origin: "http://localhost:5173" },
  });
  assert.equal(local.status, 403, "another port of this machine is another site");
  assert.match((await local.json()).error.message, /set CORS_ORIGINS=http:\/\/localhost:5173 /);
  assert.equal(other.headers.get("access-control-allow-origin"), null);
  await using anyPort = await restApp({ CORS_ORIGINS: "http://localhost:*" });
  const opened = await anyPort.rest.request("/api/personas", {
    headers: { Origin: "http://localhost:5173" },
  });
  assert.equal(
    opened.headers.get("access-control-allow-origin"),
    "http://localhost:5173",
    "CORS_ORIGINS=http://localhost:* opens every port of localhost",
  );
});

Deno.test("a foreign Origin or Host is refused with 403 before any route runs", async () => {
  await using app = await restApp();
  const before = await app.services.personas.count();
  const foreign = await app.rest.request(
    "/api/personas",
    json({ name: "Planted" }, { Origin: "http://evil.test" }),
  );
  assert.equal(foreign.status, 403);
  assert.match((await foreign.json()).error.message, /Origin "http:\/\/evil.test"/);
  const rebound = await app.rest.request("http://evil.test:8080/api/personas");
  assert.equal(rebound.status, 403);
  assert.equal(await app.services.personas.count(), before, "the refused create did not run");
  const local = await app.rest.request("/api/personas", {
    headers: { Origin: "http://localhost:3000" },
  });
  assert.equal(local.status, 403, "a page on another local port (see CORS_ORIGINS)");
  assert.match((await local.json()).error.message, /set CORS_ORIGINS=http:\/\/localhost:3000 /);
  const own = await app.rest.request("/api/personas", {
    headers: { Origin: "http://localhost" },
  });
  assert.equal(own.status, 200, "a page of the origin it calls");
});

Deno.test("a body over MAX_FRAME_BYTES is refused with 413", async () => {
  await using app = await restApp({ MAX_FRAME_BYTES: "512" });
  const response = await app.rest.request(
    "/api/personas",
    json({ name: "Big", backstory: "x".repeat(4096) }),
  );
  assert.equal(response.status, 413);
  assert.equal((await response.json()).error.message, "Request body too large");
});

Deno.test("with the visual plugin disabled its REST route is gone too", async () => {
  await using app = await restApp({ PLUGINS: "" });
  const session = await (await app.rest.request("/api/sessions", { method: "POST" })).json();
  const response = await app.rest.request(`/api/sessions/${session.session_id}/visual`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ type: "scene", data: "x" }),
  });
  assert.equal(response.status, 404);
});

Deno.test("a body the client never sent is logged with its method and path cut to ECHO_MAX", async () => {
  const lines: string[] = [];
  const parts = await buildServer(testConfig({ LOG_LEVEL: "debug" }), {
    log: createLogger("debug", { write: (line) => lines.push(line) }),
    databasePath: ":memory:",
  });
  try {
    const id = "i".repeat(6000);
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.error(new BodyNotReceived("closed")),
    });
    const response = await parts.rest.request(`/api/personas/${id}`, {
      method: "PATCH",
      // With its length told, the size limit lets the body through to the route's reader.
      headers: { "Content-Type": "application/json", "Content-Length": "10" },
      body,
    });
    assert.equal(response.status, 400);
    const logged = lines.find((line) => line.includes("Request body not received"))!;
    assert.ok(logged.includes(`route="PATCH /api/personas/${"i".repeat(ECHO_MAX - 14)}…"`), logged);
    assert.ok(logged.length < ECHO_MAX + 200, `${logged.length} characters logged`);
  } finally {
    await parts.services.db.close();
  }
});

Deno.test("a path or query whose percent-escapes do not decode is refused with 400 (attack6 F5)", async () => {
  await using app = await restApp();
  const urls = [
    "/api/personas/%FF",
    "/api/personas/Aria/memories?query=%ED%A0%80harbour",
    "/api/personas/Aria/memories?query=100%", // a raw "%": escaped, it is "%25"
  ];
  for (const url of urls) {
    const response = await app.rest.request(url);
    assert.equal(response.status, 400, url);
    const { error } = await response.json();
    assert.equal(error.code, -32602);
    assert.match(error.message, /percent-encoded UTF-8/);
  }
  for (const query of ["caf%C3%A9+au+lait", "100%25"]) {
    const fine = await app.rest.request(`/api/personas/Aria/memories?query=${query}`);
    assert.equal(fine.status, 200, query);
  }
});
