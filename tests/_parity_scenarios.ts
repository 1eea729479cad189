/**
 * Test support for parity_test.ts: one scenario per registered method (the `memory.*` ones are
 * `_parity_memory_scenarios.ts`), in the order the parity run calls them: later scenarios use
 * the state earlier ones left.
 *
 * @module
 */
import {
  activeDialogue,
  activeLorebook,
  activeRoom,
  captain,
  createPersona,
  failureOf,
  personaIds,
  type Scenario,
  settledRun,
  shareDialogue,
} from "./_parity_setup.ts";
import { MEMORY_SCENARIOS } from "./_parity_memory_scenarios.ts";
import { lorebookV3File, v1Card } from "./_cards.ts";
import { modernMeta, tasksMeta } from "./_mcp_modern.ts";

/** One scenario per method: the setup it needs, then the call whose result is compared. */
export const SCENARIOS: Record<string, Scenario> = {
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
    shareDialogue(call, started.conversation_id as string);
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
  ...MEMORY_SCENARIOS,
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
