/**
 * An embeddings server that says it is busy (an OpenAI-compatible 429, Ollama's 503 "server
 * busy") reaches memory clients as busy: -32003, HTTP 429 on REST with the upstream's
 * Retry-After, not as a memory store out of reach (-32002, "start the model server").
 */
import assert from "node:assert/strict";
import { startTestServer } from "./_helpers.ts";

/** A model server whose embeddings route answers `busy()`; models lists are empty. */
function busyServer(busy: () => Response): { url: string; stop: () => Promise<void> } {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/embed" || path === "/v1/embeddings") return busy();
    if (path === "/api/tags") return Response.json({ models: [] });
    return Response.json({ object: "list", data: [] });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, stop: () => server.shutdown() };
}

async function storeMemory(env: Record<string, string>): Promise<Response> {
  const server = await startTestServer({ EMBED_MODEL: "e", ...env });
  try {
    const aria = await server.services.personas.resolve("aria");
    return await fetch(`${server.apiUrl}/personas/${aria.id}/memories`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ content: "the harbour at dawn" }),
    });
  } finally {
    await server.shutdown();
  }
}

Deno.test("an OpenAI-compatible 429 on embeddings is busy: 429, -32003, Retry-After passed on", async () => {
  const upstream = busyServer(() =>
    Response.json(
      { error: { message: "Rate limit reached for requests", type: "requests" } },
      { status: 429, headers: { "Retry-After": "7" } },
    )
  );
  try {
    const response = await storeMemory({
      LLM_PROVIDER: "openai",
      OPENAI_BASE_URL: `${upstream.url}/v1`,
    });
    const body = await response.json();
    assert.equal(response.status, 429, JSON.stringify(body));
    assert.equal(body.error.code, -32003);
    assert.equal(body.error.data.reason, "rate_limited");
    assert.equal(body.error.data.retry_after_s, 7);
    assert.equal(response.headers.get("retry-after"), "7");
    assert.doesNotMatch(JSON.stringify(body), /Start the model server/);
  } finally {
    await upstream.stop();
  }
});

Deno.test("Ollama's 503 'server busy' on embeddings is busy too (no Retry-After given, none sent)", async () => {
  const upstream = busyServer(() =>
    Response.json(
      { error: "server busy, please try again.  maximum pending requests exceeded" },
      { status: 503 },
    )
  );
  try {
    const response = await storeMemory({ OLLAMA_HOST: upstream.url });
    const body = await response.json();
    assert.equal(response.status, 429, JSON.stringify(body));
    assert.equal(body.error.code, -32003);
    assert.equal(body.error.data.reason, "server_busy");
    assert.equal(response.headers.get("retry-after"), null);
  } finally {
    await upstream.stop();
  }
});

Deno.test("another embeddings failure stays the memory error it was (503, -32002)", async () => {
  const upstream = busyServer(() => Response.json({ error: "boom" }, { status: 500 }));
  try {
    const response = await storeMemory({ OLLAMA_HOST: upstream.url });
    const body = await response.json();
    assert.equal(response.status, 503, JSON.stringify(body));
    assert.equal(body.error.code, -32002);
  } finally {
    await upstream.stop();
  }
});

Deno.test("Ollama's 429 on embeddings passes its Retry-After on, whatever its body", async () => {
  const bodies: Array<[string, () => Response]> = [
    ["Ollama's", () => Response.json({ error: "too many" }, { status: 429, headers: wait("5") })],
    ["an OpenAI-style", () =>
      Response.json(
        { error: { message: "Rate limit reached", type: "requests" } },
        { status: 429, headers: wait("5") },
      )],
    ["an HTML", () =>
      new Response("<html>429</html>", {
        status: 429,
        headers: { ...wait("5"), "content-type": "text/html" },
      })],
  ];
  for (const [name, busy] of bodies) {
    const upstream = busyServer(busy);
    try {
      const response = await storeMemory({ OLLAMA_HOST: upstream.url });
      const body = await response.json();
      assert.equal(response.status, 429, `${name}: ${JSON.stringify(body)}`);
      assert.equal(body.error.code, -32003, name);
      assert.equal(body.error.data.reason, "server_busy", name);
      assert.equal(body.error.data.retry_after_s, 5, name);
      assert.equal(response.headers.get("retry-after"), "5", name);
    } finally {
      await upstream.stop();
    }
  }
});

Deno.test("a Retry-After of 0 or a past date is passed on as 1 s, from Ollama as from OpenAI", async () => {
  const past = new Date(Date.now() - 60_000).toUTCString();
  for (const header of ["0", past]) {
    for (const provider of ["ollama", "openai"]) {
      const upstream = busyServer(() =>
        Response.json({ error: { message: "slow down" } }, { status: 429, headers: wait(header) })
      );
      try {
        const response = await storeMemory(
          provider === "ollama"
            ? { OLLAMA_HOST: upstream.url }
            : { LLM_PROVIDER: "openai", OPENAI_BASE_URL: `${upstream.url}/v1` },
        );
        const body = await response.json();
        assert.equal(response.status, 429, `${provider} ${header}: ${JSON.stringify(body)}`);
        assert.equal(body.error.data.retry_after_s, 1, `${provider} ${header}`);
        assert.equal(response.headers.get("retry-after"), "1", `${provider} ${header}`);
      } finally {
        await upstream.stop();
      }
    }
  }
});

function wait(seconds: string): Record<string, string> {
  return { "Retry-After": seconds };
}
