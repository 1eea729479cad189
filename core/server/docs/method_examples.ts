/**
 * One example call per JSON-RPC method, for the OpenRPC document. Each succeeds on a fresh
 * server with the seeded Aria and Kira (a test sends every one): `{persona_id}` (Aria),
 * `{other_persona_id}` (Kira), `{memory_id}`, `{conversation_id}`, `{run_id}` and
 * `{block_label}` (a block of Aria's) stand for ids of yours. Methods without an entry have no example (MCP's handshake, notifications).
 *
 * @module
 */

/** An example call. */
export interface MethodExample {
  /** A name for the example (default: `<method> example`). */
  name?: string;
  params: Record<string, unknown>;
  /** The session's active persona is Aria before the call (for methods that use it). */
  activePersona?: boolean;
}

const ARIA = { persona_id: "{persona_id}" };
const PAIR = { persona1_id: "{persona_id}", persona2_id: "{other_persona_id}" };

/** The examples, by method. */
export const METHOD_EXAMPLES: Readonly<Record<string, MethodExample>> = {
  "ping": { params: {} },
  "persona.list": { params: {} },
  "persona.get": { params: ARIA },
  "persona.create": {
    params: {
      name: "Nova",
      description: "A ship navigator who trusts maps more than people",
      personality_traits: { openness: 0.8, extraversion: 0.3 },
      topic_preferences: { stars: 95, gossip: 10 },
    },
  },
  "persona.update": { params: { ...ARIA, speaking_style: "bright and quick" } },
  "persona.delete": { params: ARIA },
  "persona.switch": { name: "switch by name", params: { persona_id: "Kira" } },
  "persona.status": { params: ARIA },
  "persona.chat": { params: { ...ARIA, message: "Hello! Which song would you play?" } },
  "conversation.send_message": {
    params: { ...ARIA, content: "Which song would you play for a sailor?", sender: "Nova" },
  },
  "conversation.get_history": { params: { ...ARIA, limit: 20 } },
  "conversation.cancel": { params: { request_id: 7 } },
  "conversation.start": {
    params: { participants: ["{persona_id}", "{other_persona_id}"], topic: "music" },
  },
  "conversation.turn": { params: { conversation_id: "{conversation_id}" } },
  "conversation.status": { params: { conversation_id: "{conversation_id}" } },
  "conversation.list": { params: { limit: 10 } },
  "conversation.end": { params: { conversation_id: "{conversation_id}", reason: "done" } },
  "memory.store": {
    params: {
      ...ARIA,
      content: "Kira promised to lend me her star atlas",
      memory_type: "relationship",
      importance: 0.7,
    },
  },
  "memory.search": { params: { ...ARIA, query: "star atlas", n_results: 5, explain: true } },
  "memory.search_cross_persona": { params: { ...ARIA, query: "star atlas" } },
  "memory.list": { params: { ...ARIA, limit: 20 } },
  "memory.update": { params: { memory_id: "{memory_id}", importance: 0.9 } },
  "memory.delete": { params: { memory_id: "{memory_id}" } },
  "memory.get_stats": { params: ARIA },
  "memory.stats": { params: ARIA },
  "memory.shared_stats": { params: {} },
  "memory.reindex": { params: ARIA },
  "memory.decay_force": { params: { ...ARIA, decay_factor: 0.99 } },
  "memory.decay_start": { params: {} },
  "memory.decay_stop": { params: {} },
  "memory.decay_stats": { params: {} },
  "memory.prune": { params: ARIA },
  "memory.prune_all": { params: {} },
  "memory.prune_recommendations": { params: ARIA },
  "memory.prune_stats": { params: {} },
  "memory.block_list": { params: ARIA },
  "memory.block_get": { params: { ...ARIA, label: "{block_label}", changes: 5 } },
  "memory.block_set": {
    params: { ...ARIA, label: "user:Nova", content: "Nova navigates by the stars.", limit: 500 },
  },
  "memory.block_append": { params: { ...ARIA, label: "{block_label}", content: "Fog at dusk." } },
  "memory.block_delete": { params: { ...ARIA, label: "{block_label}" } },
  "memory.jobs": { params: { state: "failed", limit: 20 } },
  "memory.job_retry": { params: {} },
  "relationship.get": { params: PAIR },
  "relationship.list": { params: ARIA },
  "relationship.update": {
    params: {
      ...PAIR,
      interaction_quality: 0.8,
      duration_minutes: 30,
      context: "deep_conversation",
    },
  },
  "relationship.compatibility": { params: PAIR },
  "relationship.stats": { params: {} },
  "emotional.get_state": { params: ARIA },
  "emotional.update_state": { params: { ...ARIA, mood: 0.4, curiosity: 0.8 } },
  "session.get_info": { params: {} },
  "session.clear": { params: {} },
  "state.save": { params: { key: "evening" }, activePersona: true },
  "state.load": { params: { key: "evening" }, activePersona: true },
  "state.delete": { params: { key: "evening" }, activePersona: true },
  "system.status": { params: {} },
  "system.models": { params: {} },
  "system.settings": { params: {} },
  "system.set_log_level": { params: { level: "info" } },
  "simulation.scenarios": { params: {} },
  "simulation.start": { params: { scenario: "tavern_evening", ticks: 10, model: "scripted" } },
  "simulation.status": { params: { run_id: "{run_id}" } },
  "simulation.list": { params: {} },
  "simulation.cancel": { params: { run_id: "{run_id}" } },
  "tools/list": { params: {} },
  "tools/call": { params: { name: "persona_list", arguments: {} } },
  "resources/list": { params: {} },
  "resources/templates/list": { params: {} },
  "resources/read": { params: { uri: "persona://{persona_id}" } },
  "prompts/list": { params: {} },
  "prompts/get": { params: { name: "aria" } },
  "logging/setLevel": { params: { level: "info" } },
};
