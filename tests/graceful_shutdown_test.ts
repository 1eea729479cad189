/**
 * SIGTERM drains before it cancels (attack19 F6): new REST connections are refused and new work on
 * SERVER_PORT answered 503 (a WebSocket's new messages -32008), while a chat in flight over REST
 * and one over a WebSocket, both waiting on a slow model, finish with their real answers once the
 * model answers within SHUTDOWN_GRACE_MS; the process then exits cleanly.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { rawHttp, RpcCallError, RpcClient, spawnServer } from "./_helpers.ts";
import { postRpc } from "./_rest.ts";

/** A fake Ollama whose chats wait until {@linkcode HeldOllama.release}. */
class HeldOllama extends FakeOllama {
  #release!: () => void;
  readonly #held = new Promise<void>((resolve) => this.#release = resolve);

  static override start(): HeldOllama {
    return new HeldOllama({}, 0);
  }

  /** Lets every chat, waiting or to come, answer. */
  release(): void {
    this.#release();
  }

  protected override async route(path: string, body: unknown, request: Request) {
    if (path === "/api/chat") await this.#held;
    return await super.route(path, body, request);
  }
}

/** Whether a new TCP connection to `url`'s port is refused. */
async function refused(url: string): Promise<boolean> {
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port: Number(new URL(url).port) })).close();
    return false;
  } catch (error) {
    return error instanceof Deno.errors.ConnectionRefused;
  }
}

Deno.test("SIGTERM: chats in flight finish with their answers while new work is refused", async () => {
  const model = HeldOllama.start();
  const server = await spawnServer({
    OLLAMA_HOST: model.url,
    LLM_CONCURRENCY: "2",
    SHUTDOWN_GRACE_MS: "120000",
    LOG_LEVEL: "error",
  });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await client.call("persona.switch", { persona_id: "Aria" });
    // Settled into values: a -32008 here is the failure this test looks for, not a crash.
    const overWebSocket = client.call<{ response: string }>("conversation.send_message", {
      content: "over the socket",
    }).then((result) => result.response, (error: Error) => `failed: ${error.message}`);
    const overRest = postRpc(server.apiUrl, {
      jsonrpc: "2.0",
      id: 1,
      method: "conversation.send_message",
      params: { persona_id: "Aria", content: "over REST" },
    });
    await model.waitForChats(2);

    Deno.kill(server.pid, "SIGTERM");
    // Draining: the REST listener is closed at once...
    while (!await refused(server.apiUrl)) await new Promise((resolve) => setTimeout(resolve, 20));
    // ...SERVER_PORT answers new HTTP work 503, and the socket's new calls -32008.
    const mcp = server.wsUrl.replace(/^ws/, "http");
    const posted = await rawHttp(mcp, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    assert.equal(posted.status, 503);
    assert.equal(JSON.parse(posted.body).error.code, -32008);
    await assert.rejects(
      client.call("persona.list"),
      (error) => error instanceof RpcCallError && error.code === -32008,
    );

    model.release();
    assert.match(await overWebSocket, /over the socket/, "the WebSocket chat got its answer");
    const rest = await overRest;
    const body = await rest.json();
    assert.equal(rest.status, 200, JSON.stringify(body));
    assert.match(body.result.response, /over REST/, "the REST chat got its answer");
    assert.equal((await server.exited).code, 0, "then a clean exit");
  } finally {
    await client.close().catch(() => {});
    await server.kill();
    await model.stop();
  }
});
