/**
 * The served OpenAPI document lists what the routes really answer: each route with a body is
 * sent a body of a type it does not read (415) and one over its limit (413), an upload route a
 * burst past its queue (429), the chat route asked for a stream (`text/event-stream`); each real
 * answer's status (or media type) must be in the document. 503 (the database out of reach) is
 * listed on every route that runs a method (its real answer: tests/api_documents_test.ts and the
 * PostgreSQL outage tests). With AUTH_TOKEN every route is asked without a token: the public
 * reads answer, the others 401 and, once the address has failed too often, 429 (as documented).
 */
import assert from "node:assert/strict";
import { startTestServer } from "../../../tests/_helpers.ts";
import { MAX_CONCURRENT_UPLOADS, MAX_QUEUED_UPLOADS } from "../rest/upload.ts";

// deno-lint-ignore no-explicit-any
type Json = Record<string, any>;

const FRAME = 4096;
const CARD = 8192;

Deno.test("OpenAPI: 413 and 415 on every route with a body, 429 on uploads, 503, the chat stream", async () => {
  const server = await startTestServer({
    MAX_FRAME_BYTES: String(FRAME),
    CARD_MAX_BYTES: String(CARD),
  });
  try {
    const document: Json = await (await fetch(`${server.apiUrl}/openapi.json`)).json();
    const origin = new URL(server.apiUrl).origin;
    let bodies = 0;
    let routesWithoutMethods = 0;
    for (const [path, operations] of Object.entries(document.paths as Json)) {
      for (const [verb, operation] of Object.entries(operations as Json)) {
        const documented = (status: number) => operation.responses[String(status)] !== undefined;
        const where = `${verb.toUpperCase()} ${path}`;
        const headers = (status: number) => operation.responses[String(status)]?.headers ?? {};
        if (operation["x-jsonrpc-methods"]) {
          assert.ok(documented(503), `${where} lists 503`);
          assert.ok(headers(503)["Retry-After"], `${where}: 503 with Retry-After`);
        } else if (!operation.requestBody) {
          // A route that runs no method and takes no body answers none of a method's errors.
          assert.ok(!documented(503) && !documented(500), `${where} lists no method errors`);
          routesWithoutMethods++;
        }
        if (!operation.requestBody) continue;
        bodies++;
        const upload = !operation.requestBody.content["application/json"] ||
          operation.requestBody.content["application/octet-stream"] !== undefined;
        const url = origin + path.replace(/\{[^}]+\}/g, "x");
        const send = async (type: string, size: number) => {
          const response = await fetch(url, {
            method: verb.toUpperCase(),
            headers: { "Content-Type": type },
            body: "x".repeat(size),
          });
          await response.body?.cancel();
          return response.status;
        };
        const unsupported = await send("application/xml", 10);
        assert.equal(unsupported, 415, `${where}: XML`);
        assert.ok(documented(unsupported), `${where} lists 415`);
        assert.ok(headers(415)["Accept-Post"], `${where}: 415 with Accept-Post`);
        const large = await send(
          upload ? "application/octet-stream" : "application/json",
          (upload ? CARD : FRAME) + 1,
        );
        assert.equal(large, 413, `${where}: too large`);
        assert.ok(documented(large), `${where} lists 413`);
        if (upload) assert.ok(documented(429), `${where} lists 429 (its queue)`);
      }
    }
    assert.ok(bodies > 20, `${bodies} routes with a body`);
    assert.ok(routesWithoutMethods > 0, "some routes run no method");

    // More uploads at once than run and wait: the extra ones are refused at once (held ones
    // answer only at their body deadline), with a status the document lists.
    const controllers: AbortController[] = [];
    const stalled = Array.from({ length: MAX_CONCURRENT_UPLOADS + MAX_QUEUED_UPLOADS + 2 }, () => {
      const controller = new AbortController();
      controllers.push(controller);
      const body = new ReadableStream<Uint8Array>({
        start: (stream) => stream.enqueue(new Uint8Array(16)),
      });
      return fetch(`${server.apiUrl}/personas/import`, {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body,
        signal: controller.signal,
      });
    });
    const first = await Promise.race(stalled);
    await first.body?.cancel();
    assert.equal(first.status, 429);
    assert.ok(document.paths["/api/personas/import"].post.responses["429"].headers["Retry-After"]);
    for (const controller of controllers) controller.abort();
    await Promise.allSettled(stalled);

    const aria = await server.services.personas.resolve("Aria");
    const chat = await fetch(`${server.apiUrl}/personas/${aria.id}/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ content: "hello", stream: true }),
    });
    await chat.body?.cancel();
    const type = chat.headers.get("content-type")!.split(";")[0]!;
    assert.equal(type, "text/event-stream");
    const documented = document.paths["/api/personas/{id}/chat"].post.responses["200"].content;
    assert.ok(documented[type], "the chat stream's media type is listed");
    assert.ok(document.paths["/api/rooms/{id}/messages"].post.responses["200"].content[type]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("OpenAPI with AUTH_TOKEN: 401 and 429 (failed tokens) where the token is needed, none on public reads", async () => {
  const token = "openapi-statuses-0123456789abcdef";
  const server = await startTestServer({ AUTH_TOKEN: token });
  try {
    const document: Json = await (await fetch(`${server.apiUrl}/openapi.json`)).json();
    const origin = new URL(server.apiUrl).origin;
    const seen = new Set<number>();
    let guess = 0;
    for (const [path, operations] of Object.entries(document.paths as Json)) {
      for (const [verb, operation] of Object.entries(operations as Json)) {
        const where = `${verb.toUpperCase()} ${path}`;
        const open = operation.security?.length === 1 &&
          Object.keys(operation.security[0]).length === 0;
        // A new wrong token each time (a missing or repeated one is no guess): past the allowance
        // (AUTH_FAILURE_BURST) the answers turn to 429.
        const response = await fetch(origin + path.replace(/\{[^}]+\}/g, "x"), {
          method: verb.toUpperCase(),
          headers: {
            "Content-Type": "application/json",
            Authorization: `Bearer wrong-guess-${guess++}-0123456789abcdef`,
          },
          body: verb === "get" || verb === "head" ? undefined : "{}",
        });
        await response.body?.cancel();
        if (open) {
          assert.ok(
            ![401, 429].includes(response.status),
            `${where} is public: ${response.status}`,
          );
          assert.equal(operation.responses["401"], undefined, `${where} is public, no 401`);
          continue;
        }
        assert.ok([401, 429].includes(response.status), `${where}: ${response.status}`);
        seen.add(response.status);
        assert.ok(operation.responses[String(response.status)], `${where} lists it`);
        assert.ok(operation.responses["401"].headers["WWW-Authenticate"], `${where}: challenge`);
        assert.ok(operation.responses["429"].headers["Retry-After"], `${where}: Retry-After`);
        if (response.status === 429) assert.ok(Number(response.headers.get("retry-after")) >= 1);
      }
    }
    assert.deepEqual([...seen].sort(), [401, 429], "each seen for real");
    // Over the limit, the right token is refused the same way, before it is compared. The limit
    // refills at AUTH_FAILURES_PER_S: on a loaded machine a second may pass between two requests,
    // so a wrong guess answered 429 goes first, and the pair is tried again if the refill won.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5 && statuses.at(-1) !== 429; attempt++) {
      const wrong = await fetch(`${server.apiUrl}/personas`, {
        headers: { Authorization: `Bearer wrong-guess-${guess++}-0123456789abcdef` },
      });
      await wrong.body?.cancel();
      if (wrong.status !== 429) continue;
      const right = await fetch(`${server.apiUrl}/personas`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      await right.body?.cancel();
      statuses.push(right.status);
    }
    assert.equal(statuses.at(-1), 429, `the right token over the limit: ${statuses}`);
    assert.ok(document.paths["/api/personas"].get.responses["429"]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("OpenAPI: the rate limit's 429 is listed on every route, public ones too", async () => {
  const server = await startTestServer({ RATE_LIMIT_PER_S: "0.01", RATE_LIMIT_BURST: "2" });
  try {
    const document: Json = await (await fetch(`${server.apiUrl}/openapi.json`)).json();
    const origin = new URL(server.apiUrl).origin;
    const favicon = async () => {
      const response = await fetch(`${origin}/favicon.ico`);
      await response.body?.cancel();
      return response;
    };
    assert.equal((await favicon()).status, 204);
    const limited = await favicon();
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);
    for (const [path, operations] of Object.entries(document.paths as Json)) {
      for (const [verb, operation] of Object.entries(operations as Json)) {
        assert.ok(operation.responses["429"]?.headers["Retry-After"], `${verb} ${path} lists 429`);
      }
    }
  } finally {
    await server.shutdown();
  }
});
