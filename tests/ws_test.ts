import assert from "node:assert/strict";
import { RpcCallError, RpcClient, startTestServer } from "./_helpers.ts";
import type { RunningServer } from "../core/server/server.ts";

async function withServer(
  test: (server: RunningServer, client: RpcClient) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const server = await startTestServer(env);
  const client = await RpcClient.connect(server.wsUrl);
  try {
    await test(server, client);
  } finally {
    await client.close();
    await server.shutdown();
  }
}

async function rejectsWith(promise: Promise<unknown>, code: number): Promise<RpcCallError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RpcCallError, `expected an RPC error, got ${error}`);
    assert.equal(error.code, code, `expected code ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  assert.fail(`expected error ${code}, but the call succeeded`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

Deno.test("persona.list returns the seeded personas with Big Five traits", async () => {
  await withServer(async (_server, client) => {
    const result = await client.call<
      { personas: Array<Record<string, unknown>>; total_count: number }
    >(
      "persona.list",
    );
    const names = result.personas.map((persona) => persona.name).sort();
    assert.deepEqual(names, ["Aria", "Kira"]);
    const aria = result.personas.find((persona) => persona.name === "Aria")!;
    assert.match(aria.id as string, UUID);
    const traits = aria.personality_traits as Record<string, number>;
    assert.deepEqual(Object.keys(traits).sort(), [
      "agreeableness",
      "conscientiousness",
      "extraversion",
      "neuroticism",
      "openness",
    ]);
    assert.ok(traits.extraversion! > 0.7, "Aria is an extravert");
    assert.equal(typeof aria.created_at, "string");
    assert.equal(result.total_count, 2);
  });
});

Deno.test("persona.create, get, update and delete round-trip over a WebSocket", async () => {
  await withServer(async (_server, client) => {
    const created = await client.call("persona.create", {
      name: "Sage",
      description: "A calm monk",
      personality_traits: { openness: 0.7, agreeableness: 0.9 },
      backstory: "Raised in the mountains",
      goals: ["Find balance"],
      topic_preferences: { meditation: 95 },
    });
    assert.match(created.persona_id as string, UUID);
    assert.equal(created.message, "Persona created successfully");

    const { persona } = await client.call<{ persona: Record<string, unknown> }>("persona.get", {
      persona_id: created.persona_id,
    });
    assert.equal(persona.name, "Sage");
    assert.deepEqual(persona.personality_traits, {
      openness: 0.7,
      conscientiousness: 0.5,
      extraversion: 0.5,
      agreeableness: 0.9,
      neuroticism: 0.5,
    });
    assert.deepEqual(persona.goals, ["Find balance"]);

    const updated = await client.call<{ persona: Record<string, unknown> }>("persona.update", {
      persona_id: created.persona_id,
      description: "A calm, wise monk",
      personality_traits: { neuroticism: 0.1 },
    });
    assert.equal(updated.persona.description, "A calm, wise monk");
    assert.equal((updated.persona.personality_traits as Record<string, number>).neuroticism, 0.1);
    assert.equal((updated.persona.personality_traits as Record<string, number>).openness, 0.7);
    assert.equal(updated.persona.backstory, "Raised in the mountains");

    const deleted = await client.call("persona.delete", { persona_id: created.persona_id });
    assert.equal(deleted.deleted, true);
    assert.match(deleted.message as string, /Sage/);
    await rejectsWith(client.call("persona.get", { persona_id: created.persona_id }), -32000);
  });
});

Deno.test("persona.switch accepts an id or a case-insensitive name; persona.get follows it", async () => {
  await withServer(async (_server, client) => {
    await rejectsWith(client.call("persona.get"), -32001);
    const switched = await client.call("persona.switch", { persona_id: "kIrA" });
    assert.equal(switched.name, "Kira");
    assert.match(switched.message as string, /Kira/);
    const info = await client.call("session.get_info");
    assert.equal(info.session_id, switched.session_id);
    const { persona } = await client.call<{ persona: { id: string; name: string } }>(
      "persona.get",
    );
    assert.equal(persona.name, "Kira");
    const byId = await client.call("persona.switch", { persona_id: switched.persona_id });
    assert.equal(byId.persona_id, switched.persona_id);
  });
});

Deno.test("a duplicate persona name (any case) is -32602 naming the field", async () => {
  await withServer(async (_server, client) => {
    const error = await rejectsWith(client.call("persona.create", { name: "aria" }), -32602);
    const fields = (error.data as { fields: Array<{ field: string }> }).fields;
    assert.deepEqual(fields.map((field) => field.field), ["name"]);
    const kira = (await client.call<{ personas: Array<{ id: string; name: string }> }>(
      "persona.list",
    )).personas.find((persona) => persona.name === "Kira")!;
    await rejectsWith(client.call("persona.update", { persona_id: kira.id, name: "ARIA" }), -32602);
  });
});

Deno.test("session.get_info, visual.update and session.clear", async () => {
  await withServer(async (_server, client) => {
    const before = await client.call("session.get_info");
    assert.equal(before.active_persona_id, null);
    assert.equal(before.visual_context, null);
    assert.equal(before.message_count, 0);
    assert.ok(!Number.isNaN(Date.parse(before.connection_time as string)));

    await client.call("persona.switch", { persona_id: "Aria" });
    const visual = await client.call("visual.update", {
      type: "scene",
      data: { location: "tavern", lighting: "candles" },
    });
    assert.equal(visual.visual_updated, true);
    assert.equal(visual.update_type, "scene");
    const during = await client.call<Record<string, unknown>>("session.get_info");
    assert.equal(during.active_persona_name, "Aria");
    assert.deepEqual((during.visual_context as { data: unknown }).data, {
      location: "tavern",
      lighting: "candles",
    });

    const cleared = await client.call("session.clear");
    assert.equal(cleared.message, "Session cleared successfully");
    const after = await client.call("session.get_info");
    assert.equal(after.active_persona_id, null);
    assert.equal(after.visual_context, null);
    assert.equal(after.session_id, before.session_id, "the connection and session stay");
  });
});

Deno.test("system.status and ping", async () => {
  await withServer(async (_server, client) => {
    assert.deepEqual(await client.call("ping"), {});
    const status = await client.call("system.status");
    assert.equal(status.version, "0.1.0");
    assert.equal(typeof status.uptime_s, "number");
    assert.equal(status.persona_count, 2);
    assert.equal(status.session_count, 1);
    assert.equal(status.storage_backend, "sqlite");
    const { waiting: _, ...jobs } = status.jobs as Record<string, unknown>;
    assert.deepEqual(jobs, { queued: 0, running: 0, done: 0, failed: 0, skipped: 0, dropped: 0 });
  });
});

Deno.test("state.save and state.load restore the active persona and scene", async () => {
  await withServer(async (server, client) => {
    await client.call("persona.switch", { persona_id: "Kira" });
    await client.call("visual.update", { type: "scene", data: { location: "library" } });
    const saved = await client.call("state.save", { key: "game-slot-1" });
    assert.equal(saved.state_saved, true);

    const other = await RpcClient.connect(server.wsUrl);
    try {
      const loaded = await other.call("state.load", { key: "game-slot-1" });
      assert.equal(loaded.state_loaded, true);
      assert.equal(loaded.active_persona_name, "Kira");
      const info = await other.call<Record<string, unknown>>("session.get_info");
      assert.equal(info.active_persona_name, "Kira");
      assert.deepEqual((info.visual_context as { data: unknown }).data, { location: "library" });
      const error = await rejectsWith(other.call("state.load", { key: "no-such-key" }), -32602);
      assert.match(error.message, /no-such-key/);
      await rejectsWith(other.call("state.save", { key: "bad key with spaces" }), -32602);
      // Keys are shared: any client may delete one; then it is gone for every client.
      assert.deepEqual(await other.call("state.delete", { key: "game-slot-1" }), {
        state_deleted: true,
        key: "game-slot-1",
      });
      await rejectsWith(client.call("state.load", { key: "game-slot-1" }), -32602);
      const gone = await rejectsWith(client.call("state.delete", { key: "game-slot-1" }), -32602);
      assert.match(gone.message, /game-slot-1/);
    } finally {
      await other.close();
    }
  });
});

Deno.test("error codes: -32000, -32001, -32601, -32602 with field names", async () => {
  await withServer(async (_server, client) => {
    await rejectsWith(
      client.call("persona.get", { persona_id: "00000000-0000-0000-0000-000000000000" }),
      -32000,
    );
    await rejectsWith(client.call("persona.switch", { persona_id: "Nobody" }), -32000);
    await rejectsWith(client.call("persona.delete", { persona_id: "nope" }), -32000);
    await rejectsWith(client.call("persona.get"), -32001);
    const unknown = await rejectsWith(client.call("persona.fly", { persona_id: 1 }), -32601);
    assert.match(unknown.message, /persona\.fly/);

    const wrongType = await rejectsWith(client.call("persona.switch", { persona_id: 42 }), -32602);
    assert.deepEqual(
      (wrongType.data as { fields: Array<{ field: string }> }).fields.map((f) => f.field),
      [
        "persona_id",
      ],
    );
    const missing = await rejectsWith(client.call("persona.create", {}), -32602);
    assert.deepEqual(
      (missing.data as { fields: Array<{ field: string; message: string }> }).fields,
      [{ field: "name", message: "is required" }],
    );
    const outOfRange = await rejectsWith(
      client.call("persona.create", {
        name: "Bad",
        personality_traits: { openness: 1.5, extraversion: -1 },
      }),
      -32602,
    );
    assert.deepEqual(
      (outOfRange.data as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort(),
      ["personality_traits.extraversion", "personality_traits.openness"],
    );
    const unknownField = await rejectsWith(
      client.call("persona.switch", { persona_id: "Aria", persona: "x" }),
      -32602,
    );
    assert.deepEqual(
      (unknownField.data as { fields: Array<{ field: string }> }).fields.map((f) => f.field),
      ["persona"],
    );
    await rejectsWith(client.call("persona.list", [1, 2]), -32602);
    assert.deepEqual(await client.call("ping"), {}, "the socket survives every error");
  });
});

Deno.test("parse errors and invalid envelopes follow JSON-RPC 2.0 §5", async () => {
  await withServer(async (_server, client) => {
    const parse = await client.sendRaw('{"jsonrpc":"2.0","method":"foobar,"params":"bar","baz]');
    assert.deepEqual((parse as { id: unknown; error: { code: number } }).id, null);
    assert.equal((parse as { error: { code: number } }).error.code, -32700);

    const badMethod = await client.sendRaw('{"jsonrpc":"2.0","method":1,"params":"bar"}') as {
      id: unknown;
      error: { code: number };
    };
    assert.equal(badMethod.error.code, -32600);
    assert.equal(badMethod.id, null);

    const noVersion = await client.sendRaw('{"method":"ping","id":7}') as {
      id: unknown;
      error: { code: number };
      result?: unknown;
    };
    assert.equal(noVersion.error.code, -32600);
    assert.equal(noVersion.id, 7, "a readable id is echoed");
    assert.ok(!("result" in noVersion), "never both result and error");

    const badParams = await client.sendRaw(
      '{"jsonrpc":"2.0","method":"ping","params":3,"id":8}',
    ) as {
      error: { code: number };
    };
    assert.equal(badParams.error.code, -32600);

    const empty = await client.sendRaw("[]") as { error: { code: number } };
    assert.ok(!Array.isArray(empty), "an empty batch gets a single error object");
    assert.equal(empty.error.code, -32600);

    const internalCheck = await client.call("ping");
    assert.deepEqual(internalCheck, {});
  });
});

Deno.test("ids may be strings, numbers or null and are echoed", async () => {
  await withServer(async (_server, client) => {
    for (const id of ["abc", 42, 0, -1.5]) {
      // The custom methods speak plain JSON-RPC 2.0 (MCP's own, such as ping, want integer ids).
      const response = await client.request("session.get_info", undefined, id);
      assert.equal(response.id, id);
      assert.ok("result" in response);
      assert.ok(!("error" in response));
    }
    const nullId = await client.sendRaw(
      '{"jsonrpc":"2.0","method":"session.get_info","id":null}',
    ) as { id: unknown; result: unknown };
    assert.equal(nullId.id, null);
    assert.ok(nullId.result);
  });
});

Deno.test("batches answer with an array without notification replies", async () => {
  await withServer(async (_server, client) => {
    const batch = await client.sendRaw(JSON.stringify([
      { jsonrpc: "2.0", method: "ping", id: "1" },
      { jsonrpc: "2.0", method: "persona.switch", params: { persona_id: "Aria" } },
      { foo: "boo" },
      { jsonrpc: "2.0", method: "no.such", id: "5" },
      { jsonrpc: "2.0", method: "persona.get", id: "9" },
    ])) as Array<{ id: unknown; result?: unknown; error?: { code: number } }>;
    assert.ok(Array.isArray(batch));
    assert.equal(batch.length, 4);
    const byId = new Map(batch.map((reply) => [reply.id, reply]));
    assert.deepEqual(byId.get("1")!.result, {});
    assert.equal(byId.get(null)!.error!.code, -32600);
    assert.equal(byId.get("5")!.error!.code, -32601);
    assert.ok(byId.has("9"));

    const one = await client.sendRaw('[{"jsonrpc":"2.0","method":"ping","id":3}]');
    assert.ok(Array.isArray(one), "a one-element batch is still answered with an array");

    const invalid = await client.sendRaw("[1,2,3]") as Array<{ error: { code: number } }>;
    assert.equal(invalid.length, 3);
    assert.ok(invalid.every((reply) => reply.error.code === -32600));
  });
});

Deno.test("notifications get no answer, even when they fail", async () => {
  await withServer(async (_server, client) => {
    client.notify("persona.switch", { persona_id: "Kira" });
    client.notify("no.such.method");
    client.notify("persona.get", { persona_id: 5 });
    client.socket.send(
      JSON.stringify([{ jsonrpc: "2.0", method: "ping" }, { jsonrpc: "2.0", method: "ping" }]),
    );
    const response = await client.request("session.get_info", undefined, "after");
    assert.equal(response.id, "after", "the next message is the reply to the next request");
    assert.equal((response.result as Record<string, unknown>).active_persona_name, "Kira");
  });
});

Deno.test("two connections keep their own active persona", async () => {
  await withServer(async (server, first) => {
    const second = await RpcClient.connect(server.wsUrl);
    try {
      await Promise.all([
        first.call("persona.switch", { persona_id: "Aria" }),
        second.call("persona.switch", { persona_id: "Kira" }),
      ]);
      const [a, b] = await Promise.all([
        first.call("session.get_info"),
        second.call("session.get_info"),
      ]);
      assert.equal(a.active_persona_name, "Aria");
      assert.equal(b.active_persona_name, "Kira");
      assert.notEqual(a.session_id, b.session_id);
      await first.call("visual.update", { type: "scene", data: { place: "tower" } });
      assert.equal(
        (await second.call("session.get_info")).visual_context,
        null,
        "scenes stay apart",
      );
      await second.call("session.clear");
      assert.equal((await first.call("session.get_info")).active_persona_name, "Aria");
    } finally {
      await second.close();
    }
  });
});

Deno.test("deleting the active persona of another connection leaves it with none", async () => {
  await withServer(async (server, first) => {
    const created = await first.call("persona.create", { name: "Ephemeral" });
    const second = await RpcClient.connect(server.wsUrl);
    try {
      await second.call("persona.switch", { persona_id: created.persona_id });
      await first.call("persona.delete", { persona_id: created.persona_id });
      await rejectsWith(second.call("persona.get"), -32001);
      assert.equal((await second.call("session.get_info")).active_persona_id, null);
    } finally {
      await second.close();
    }
  });
});

Deno.test("an oversized frame closes only that connection with 1009", async () => {
  await withServer(async (server, bystander) => {
    const offender = await RpcClient.connect(server.wsUrl);
    offender.socket.send(
      JSON.stringify({ jsonrpc: "2.0", method: "ping", id: 1, params: { pad: "x".repeat(2048) } }),
    );
    const closed = await offender.closed;
    assert.equal(closed.code, 1009);
    assert.deepEqual(await bystander.call("ping"), {});
    const fresh = await RpcClient.connect(server.wsUrl);
    assert.deepEqual(await fresh.call("ping"), {});
    await fresh.close();
  }, { MAX_FRAME_BYTES: "1024" });
});

Deno.test("the mcp WebSocket subprotocol is accepted and echoed", async () => {
  const server = await startTestServer();
  try {
    const withMcp = await RpcClient.connect(server.wsUrl, ["mcp"]);
    assert.equal(withMcp.socket.protocol, "mcp");
    assert.deepEqual(await withMcp.call("ping"), {});
    await withMcp.close();
    const plain = await RpcClient.connect(server.wsUrl);
    assert.equal(plain.socket.protocol, "");
    await plain.close();
  } finally {
    await server.shutdown();
  }
});

Deno.test("disabling the visual plugin removes visual.update", async () => {
  await withServer(async (_server, client) => {
    await rejectsWith(client.call("visual.update", { type: "scene", data: "x" }), -32601);
  }, { PLUGINS: "" });
});

Deno.test("a server fault is -32603 without its message, and the socket stays open", async () => {
  await withServer(async (server, client) => {
    await server.services.db.close();
    const response = await client.request("persona.list", {}, "fault-1");
    assert.deepEqual(response, {
      jsonrpc: "2.0",
      id: "fault-1",
      error: { code: -32603, message: "Internal error" },
    });
    assert.deepEqual(await client.call("ping"), {});
  });
});
