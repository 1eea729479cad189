/**
 * Test support for parity_test.ts: the scenarios of the `memory.*` methods (storing, searching,
 * listing, blocks, jobs, decay, pruning, reindexing), in the order the parity run calls them.
 *
 * @module
 */
import { asAria, type Scenario, storeAsAria } from "./_parity_setup.ts";

/** The memory methods' scenarios: the setup each needs, then the call whose result is compared. */
export const MEMORY_SCENARIOS: Record<string, Scenario> = {
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
};
