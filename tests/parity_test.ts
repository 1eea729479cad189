/**
 * Parity: every registered JSON-RPC method is callable over the WebSocket and over REST
 * (`POST /api/rpc`) with the same result. The scenario table must cover the whole manifest.
 */
import { decodeCursor } from "../core/paging.ts";
import assert from "node:assert/strict";
import { plugins } from "../plugins/_manifest.gen.ts";
import { buildRegistry } from "../core/server/server_dispatcher.ts";
import type { RunningServer } from "../core/server/server.ts";
import { RpcClient, startTestServer } from "./_helpers.ts";
import { modernMeta, tasksMeta } from "./_mcp_modern.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { lorebookV3File, v1Card, v2Card } from "./_cards.ts";

type Call = (method: string, params?: Record<string, unknown>) => Promise<Record<string, unknown>>;
type Scenario = (call: Call) => Promise<unknown>;

async function createPersona(call: Call, name: string): Promise<string> {
  return (await call("persona.create", { name })).persona_id as string;
}

async function personaIds(call: Call): Promise<[string, string]> {
  const { personas } = await call("persona.list") as {
    personas: Array<{ id: string; name: string }>;
  };
  const id = (name: string) => personas.find((persona) => persona.name === name)!.id;
  return [id("Aria"), id("Kira")];
}

const dialogueIds = new WeakMap<Call, string>();
const roomIds = new WeakMap<Call, string>();
const lorebookIds = new WeakMap<Call, string>();

/** A room with Aria and Kira, opened once per interface. */
async function activeRoom(call: Call): Promise<string> {
  if (!roomIds.has(call)) {
    const opened = await call("room.create", {
      persona_ids: ["Aria", "kira"],
      scenario: "A quiet inn",
    });
    roomIds.set(call, opened.room_id as string);
  }
  return roomIds.get(call)!;
}

/** A lorebook imported once per interface. */
async function activeLorebook(call: Call): Promise<string> {
  if (!lorebookIds.has(call)) {
    const imported = await call("lorebook.import", { lorebook: lorebookV3File() });
    lorebookIds.set(call, imported.lorebook_id as string);
  }
  return lorebookIds.get(call)!;
}

/** Captain Vale, imported once per interface (a card with a greeting and a book). */
async function captain(call: Call): Promise<string> {
  const { personas } = await call("persona.list") as {
    personas: Array<{ id: string; name: string }>;
  };
  const found = personas.find((persona) => persona.name === "Captain Vale");
  if (found) return found.id;
  return (await call("persona.import_card", { card: v2Card() })).persona_id as string;
}

/** The persona-to-persona conversation the scenarios share, started once per interface. */
async function activeDialogue(call: Call): Promise<string> {
  if (!dialogueIds.has(call)) {
    const started = await call("conversation.start", { participants: await personaIds(call) });
    dialogueIds.set(call, started.conversation_id as string);
  }
  return dialogueIds.get(call)!;
}

async function asAria(call: Call): Promise<string> {
  return (await call("persona.switch", { persona_id: "Aria" })).persona_id as string;
}

async function storeAsAria(call: Call, content: string, extra: Record<string, unknown> = {}) {
  await asAria(call);
  return (await call("memory.store", { content, ...extra })).memory_id as string;
}

/** Polls a simulation run until it has finished; resolves to its last status. */
async function settledRun(call: Call, runId: string): Promise<Record<string, unknown>> {
  while (true) {
    const status = await call("simulation.status", { run_id: runId });
    if (status.status !== "running") return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One scenario per method: the setup it needs, then the call whose result is compared. */
const SCENARIOS: Record<string, Scenario> = {
  "ping": (call) => call("ping"),
  "persona.list": (call) => call("persona.list"),
  "persona.create": (call) =>
    call("persona.create", {
      name: "Parity",
      personality_traits: { openness: 0.3 },
      topic_preferences: { chess: 80 },
    }),
  "persona.get": async (call) => {
    await call("persona.switch", { persona_id: "Aria" });
    return call("persona.get");
  },
  "persona.update": async (call) =>
    call("persona.update", {
      persona_id: await createPersona(call, "Updatable"),
      goals: ["parity"],
    }),
  "persona.delete": async (call) =>
    call("persona.delete", { persona_id: await createPersona(call, "Doomed") }),
  "persona.switch": (call) => call("persona.switch", { persona_id: "kira" }),
  "session.get_info": (call) => call("session.get_info"),
  "session.clear": async (call) => {
    await call("session.clear");
    return call("session.get_info");
  },
  "system.status": (call) => call("system.status"),
  "state.save": async (call) => {
    await call("persona.switch", { persona_id: "Aria" });
    return call("state.save", { key: "parity" });
  },
  "state.load": async (call) => {
    await call("session.clear");
    return call("state.load", { key: "parity" });
  },
  "state.delete": async (call) => {
    await call("state.save", { key: "parity-doomed" });
    return call("state.delete", { key: "parity-doomed" });
  },
  "conversation.send_message": async (call) => {
    await call("persona.switch", { persona_id: "Aria" });
    return call("conversation.send_message", { content: "hello parity", room_id: "p" });
  },
  "persona.chat": (call) => call("persona.chat", { message: "and again", room_id: "p" }),
  "conversation.get_history": (call) => call("conversation.get_history", { room_id: "p" }),
  "conversation.cancel": (call) => call("conversation.cancel", { request_id: "nothing-running" }),
  "system.models": (call) => call("system.models"),
  "system.settings": async (call) => {
    const { settings } = await call("system.settings") as { settings: Array<{ name: string }> };
    // Each server has its own temporary data directory.
    return settings.filter((setting) => setting.name !== "DATA_DIR");
  },
  "system.set_log_level": (call) => call("system.set_log_level", { level: "error" }),
  "rpc.discover": (call) => call("rpc.discover"),
  "simulation.scenarios": (call) => call("simulation.scenarios"),
  "simulation.start": async (call) => {
    const run = await call("simulation.start", {
      scenario: "tavern_evening",
      ticks: 3,
      model: "scripted",
    });
    await settledRun(call, run.run_id as string);
    return run;
  },
  "simulation.status": async (call) => {
    const run = await call("simulation.start", {
      scenario: "tavern_evening",
      ticks: 4,
      model: "scripted",
    });
    return await settledRun(call, run.run_id as string);
  },
  "simulation.list": async (call) => (await call("simulation.list")).runs,
  "simulation.cancel": async (call) => {
    const run = await call("simulation.start", {
      scenario: "tavern_evening",
      ticks: 5000,
      model: "scripted",
    });
    const cancelled = await call("simulation.cancel", { run_id: run.run_id });
    await settledRun(call, run.run_id as string);
    return { run_id: cancelled.run_id, scenario: cancelled.scenario };
  },
  "relationship.update": async (call) => {
    const [aria, kira] = await personaIds(call);
    return call("relationship.update", {
      persona1_id: aria,
      persona2_id: kira,
      interaction_quality: 0.6,
      duration_minutes: 20,
      context: "casual",
    });
  },
  "relationship.get": async (call) => {
    const [aria, kira] = await personaIds(call);
    return call("relationship.get", { persona1_id: kira, persona2_id: aria });
  },
  "relationship.list": async (call) =>
    call("relationship.list", { persona_id: (await personaIds(call))[0] }),
  "relationship.compatibility": async (call) => {
    const [aria, kira] = await personaIds(call);
    return call("relationship.compatibility", { persona1_id: aria, persona2_id: kira });
  },
  "relationship.stats": (call) => call("relationship.stats"),
  "emotional.update_state": (call) => call("emotional.update_state", { mood: 0.3 }),
  "emotional.get_state": (call) => call("emotional.get_state"),
  "persona.status": (call) => call("persona.status"),
  "conversation.start": async (call) => {
    const started = await call("conversation.start", { participants: await personaIds(call) });
    dialogueIds.set(call, started.conversation_id as string);
    return started;
  },
  "conversation.turn": async (call) =>
    call("conversation.turn", { conversation_id: await activeDialogue(call) }),
  "conversation.list": async (call) =>
    call("conversation.list", { persona_id: (await personaIds(call))[0], status: "all" }),
  "conversation.transcript": async (call) =>
    call("conversation.transcript", { conversation_id: await activeDialogue(call) }),
  "conversation.status": async (call) =>
    call("conversation.status", { conversation_id: await activeDialogue(call) }),
  "conversation.end": async (call) =>
    call("conversation.end", { conversation_id: await activeDialogue(call) }),
  "memory.store": async (call) => {
    await asAria(call);
    return call("memory.store", {
      content: "Parity: Aria learned a spell of warding from Kira",
      visibility: "shared",
      related_personas: ["Kira"],
      metadata: { place: "tower" },
      created_at: "2025-01-01T00:00:00Z",
    });
  },
  "memory.search": async (call) => {
    await storeAsAria(call, "Parity: the harbor smells of salt and tar", { importance: 0.6 });
    return call("memory.search", { query: "harbor salt", n_results: 3 });
  },
  "memory.get_stats": async (call) => {
    await asAria(call);
    return call("memory.get_stats");
  },
  "memory.stats": async (call) => call("memory.stats", { persona_id: await asAria(call) }),
  "memory.list": async (call) => {
    await asAria(call);
    return call("memory.list", { limit: 2 });
  },
  "memory.update": async (call) =>
    call("memory.update", {
      memory_id: await storeAsAria(call, "Parity: the bridge is red"),
      content: "Parity: the bridge is green",
      importance: 0.7,
    }),
  "memory.delete": async (call) =>
    call("memory.delete", { memory_id: await storeAsAria(call, "Parity: a wrong memory") }),
  "memory.block_set": async (call) => {
    await asAria(call);
    return call("memory.block_set", { label: "world", content: "Parity: a harbor town" });
  },
  "memory.block_append": async (call) => {
    await asAria(call);
    await call("memory.block_set", { label: "parity-notes", content: "first" });
    return call("memory.block_append", { label: "parity-notes", content: "second" });
  },
  "memory.block_get": async (call) => {
    await asAria(call);
    await call("memory.block_set", { label: "user:Parity", content: "Likes tea", limit: 50 });
    return call("memory.block_get", { label: "user:Parity" });
  },
  "memory.block_list": async (call) =>
    call("memory.block_list", { persona_id: await asAria(call) }),
  "memory.block_delete": async (call) => {
    await asAria(call);
    await call("memory.block_set", { label: "parity-gone", read_only: false });
    return call("memory.block_delete", { label: "parity-gone" });
  },
  "memory.jobs": (call) => call("memory.jobs", { limit: 5 }),
  "memory.job_retry": (call) => call("memory.job_retry"),
  "memory.search_cross_persona": async (call) => {
    await storeAsAria(call, "Parity: the public fountain sings at dusk", { visibility: "public" });
    await call("persona.switch", { persona_id: "Kira" });
    return call("memory.search_cross_persona", { query: "fountain dusk" });
  },
  "memory.shared_stats": (call) => call("memory.shared_stats"),
  "memory.decay_force": async (call) =>
    call("memory.decay_force", { persona_id: await asAria(call), decay_factor: 0.1 }),
  "memory.decay_start": (call) => call("memory.decay_start", { interval_s: 3600 }),
  "memory.decay_stop": (call) => call("memory.decay_stop"),
  "memory.decay_stats": async (call) => {
    await call("memory.decay_force");
    return call("memory.decay_stats");
  },
  "memory.prune": async (call) => call("memory.prune", { persona_id: await asAria(call) }),
  "memory.prune_recommendations": async (call) => {
    await asAria(call);
    return call("memory.prune_recommendations");
  },
  "memory.prune_all": (call) => call("memory.prune_all", { force: false }),
  "memory.prune_stats": (call) => call("memory.prune_stats"),
  "memory.reindex": async (call) => call("memory.reindex", { persona_id: await asAria(call) }),
  "persona.import_card": (call) =>
    call("persona.import_card", { card: v1Card(), name: "Parity Card" }),
  "persona.export_card": async (call) =>
    call("persona.export_card", { persona_id: await captain(call), format: "json" }),
  "conversation.greeting": async (call) => {
    await call("persona.switch", { persona_id: await captain(call) });
    return call("conversation.greeting", { index: 1 });
  },
  "persona.export": (call) => call("persona.export", { persona_id: "aria" }),
  "persona.import": async (call) => {
    const { bundle } = await call("persona.export", { persona_id: "Kira" });
    return call("persona.import", { bundle, name: "Kira Again" });
  },
  "lorebook.create": (call) =>
    call("lorebook.create", {
      name: "Parity lore",
      entries: [{ keys: ["inn"], content: "The inn is old." }],
    }),
  "lorebook.import": (call) => call("lorebook.import", { lorebook: lorebookV3File() }),
  "lorebook.get": async (call) => call("lorebook.get", { lorebook_id: await activeLorebook(call) }),
  "lorebook.list": (call) => call("lorebook.list"),
  "lorebook.update": async (call) =>
    call("lorebook.update", { lorebook_id: await activeLorebook(call), token_budget: 300 }),
  "lorebook.attach": async (call) =>
    call("lorebook.attach", { lorebook_id: await activeLorebook(call), persona_id: "Aria" }),
  "lorebook.detach": async (call) =>
    call("lorebook.detach", { lorebook_id: await activeLorebook(call), persona_id: "Aria" }),
  "lorebook.export": async (call) =>
    call("lorebook.export", { lorebook_id: await activeLorebook(call) }),
  "lorebook.test": async (call) =>
    call("lorebook.test", {
      lorebook_ids: [await activeLorebook(call)],
      persona_id: "Aria",
      messages: [{ name: "user", text: "Who keeps the lighthouse?" }],
    }),
  "lorebook.delete": async (call) => {
    const made = await call("lorebook.create", { name: "Doomed lore" });
    return call("lorebook.delete", { lorebook_id: made.lorebook_id });
  },
  "room.create": (call) =>
    call("room.create", { persona_ids: ["Aria", "Kira"], name: "Parity room" }),
  "room.send": async (call) =>
    call("room.send", { room_id: await activeRoom(call), content: "Kira, any news?" }),
  "room.get_history": async (call) => call("room.get_history", { room_id: await activeRoom(call) }),
  "room.get": async (call) => call("room.get", { room_id: await activeRoom(call) }),
  "room.list": (call) => call("room.list"),
  "room.leave": async (call) =>
    call("room.leave", { room_id: await activeRoom(call), persona_id: "aria" }),
  "room.join": async (call) =>
    call("room.join", { room_id: await activeRoom(call), persona_id: "aria" }),
  "room.delete": async (call) => {
    const made = await call("room.create", { persona_ids: ["Kira"] });
    return call("room.delete", { room_id: made.room_id });
  },
  // MCP methods: the same dispatcher serves them, so they answer alike on both transports.
  "initialize": (call) =>
    call("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "parity", version: "1.0.0" },
    }),
  "notifications/initialized": (call) => call("notifications/initialized"),
  "notifications/cancelled": (call) => call("notifications/cancelled", { requestId: 424242 }),
  "logging/setLevel": (call) => call("logging/setLevel", { level: "warning" }),
  "tools/list": (call) => call("tools/list"),
  "tools/call": (call) =>
    call("tools/call", { name: "persona_switch", arguments: { persona_id: "kira" } }),
  "resources/list": (call) => call("resources/list"),
  "resources/templates/list": (call) => call("resources/templates/list"),
  "resources/read": async (call) => {
    const { personas } = await call("persona.list") as { personas: Array<{ id: string }> };
    return call("resources/read", { uri: `persona://${personas[0]!.id}` });
  },
  "prompts/list": (call) => call("prompts/list"),
  // MCP 2026-07-28 and its tasks extension: the same handlers, with the modern _meta.
  "server/discover": (call) => call("server/discover", { _meta: modernMeta() }),
  "subscriptions/listen": (call) =>
    failureOf(
      call("subscriptions/listen", { _meta: modernMeta(), notifications: { taskIds: ["x"] } }),
    ),
  "tasks/get": (call) => failureOf(call("tasks/get", { _meta: tasksMeta(), taskId: "nope" })),
  "tasks/cancel": (call) =>
    failureOf(call("tasks/cancel", { _meta: modernMeta(), taskId: "nope" })),
  "tasks/update": (call) =>
    failureOf(call("tasks/update", { _meta: tasksMeta(), taskId: "nope", inputResponses: {} })),
  "simulation.run": (call) => call("simulation.run", { model: "scripted", ticks: 4, seed: 3 }),
  "prompts/get": (call) => call("prompts/get", { name: "aria" }),
  "visual.update": async (call) => {
    await call("visual.update", { type: "scene", data: { place: "harbor" } });
    return call("session.get_info");
  },
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** A timestamp, also inside text (MCP resources and tool results embed JSON as text). */
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
/**
 * Fields that describe the transport or the moment, not the result (the modern MCP envelope,
 * `resultType` and `_meta`, is what MCP transports add; a simulation's wall-clock timings and a
 * conversation's age in seconds vary with the moment).
 */
const VOLATILE = new Set([
  "resultType",
  "_meta",
  "wall_ms",
  "duration_s",
  "turns_per_second",
  "turn_ms",
  "transport",
  "sessions_by_transport",
  "uptime_s",
  "request_count",
  "response_time_ms",
]);

/** The list digest before a memory.list cursor's key. */
const LIST_DIGEST = /^[0-9a-f]{16}~/;

function normalize(value: unknown): unknown {
  if (typeof value === "string") {
    // A memory.list cursor's key starts with a digest of its persona's id (`list_cursor.ts`).
    return value.replace(ISO_TIME, "<time>").replace(UUID, "<uuid>").replace(
      LIST_DIGEST,
      "<list>~",
    );
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).filter(([key]) => !VOLATILE.has(key)).map((
        [key, item],
        // A cursor may carry the last item's time and id: compared decoded.
      ) => [key, normalize(key === "next_cursor" && item ? decodeCursor(item as string) : item)]),
    );
  }
  return value;
}

/** A call expected to fail, as a comparable result (its message). */
function failureOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
  return call.then(
    (result) => ({ unexpected: result }),
    (error: Error) => ({ failed: error.message }),
  );
}

function rpcError(reply: Record<string, unknown>, method: string): Error {
  return new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
}

function webSocketCaller(client: RpcClient): Call {
  return async (method, params) => {
    const reply = await client.request(method, params ?? {});
    if ("error" in reply) throw rpcError(reply, method);
    return reply.result as Record<string, unknown>;
  };
}

async function restCaller(server: RunningServer): Promise<Call> {
  const session = await (await fetch(`${server.apiUrl}/sessions`, { method: "POST" })).json();
  let id = 0;
  return async (method, params) => {
    const response = await fetch(`${server.apiUrl}/rpc`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Session-Id": session.session_id },
      body: JSON.stringify({ jsonrpc: "2.0", method, params: params ?? {}, id: ++id }),
    });
    const reply = await response.json();
    if ("error" in reply) throw rpcError(reply, method);
    return reply.result;
  };
}

Deno.test("the parity scenarios cover exactly the registered methods", () => {
  const methods = buildRegistry(plugins).methods();
  assert.deepEqual(Object.keys(SCENARIOS).sort(), methods);
});

Deno.test("every method gives the same result over WebSocket and REST", async () => {
  const fake = FakeOllama.start();
  const overWs = await startTestServer({ OLLAMA_HOST: fake.url });
  const overRest = await startTestServer({ OLLAMA_HOST: fake.url });
  const client = await RpcClient.connect(overWs.wsUrl);
  try {
    const viaWs = webSocketCaller(client);
    const viaRest = await restCaller(overRest);
    for (const [method, scenario] of Object.entries(SCENARIOS)) {
      const [a, b] = [await scenario(viaWs), await scenario(viaRest)];
      assert.deepEqual(normalize(b), normalize(a), `${method} differs between WebSocket and REST`);
    }
  } finally {
    await client.close();
    await overWs.shutdown();
    await overRest.shutdown();
    await fake.stop();
  }
});
