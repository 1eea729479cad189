/**
 * What each REST route does, for the generated route table. The routes themselves come from the
 * REST app; a test fails when a route has no entry here, when an entry names no route, and when
 * a route does not run the method its entry names.
 *
 * @module
 */

/** A request of a route that succeeds on a fresh server (with the seeded Aria and Kira). */
export interface RouteExample {
  /**
   * Path values. `{persona_id}` (Aria), `{other_persona_id}` (Kira), `{memory_id}`,
   * `{conversation_id}`, `{session_id}`, `{run_id}` and `{block_label}` (a block of Aria's)
   * stand for ids of yours.
   */
  path?: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string>>;
  /** The JSON body; strings may hold the same placeholders. */
  body?: unknown;
}

/** The documentation of one route. */
export interface RouteDoc {
  /**
   * The JSON-RPC methods the route runs (usually one); params, result and errors are theirs.
   */
  calls?: readonly string[];
  /** The success status when it is not 200. */
  status?: number;
  /** What else to know: where params come from, what it does when it runs no method. */
  text?: string;
  /**
   * Path parameters and the method params they fill (`{id: "persona_id"}`); a parameter named
   * in no method (a session id) is documented as a plain string.
   */
  path?: Readonly<Record<string, string>>;
  /**
   * Where the method's other params come from: the JSON body (the default for POST, PUT and
   * PATCH), the query string (`query` lists which), or nowhere (the default otherwise).
   */
  input?: "body" | "query" | "none";
  /** With `input: "query"`: the params the route reads from the query string. */
  query?: readonly string[];
  /** The media type of a success when it is not JSON (`text/html`, `text/event-stream`). */
  produces?: string;
  /** A request that succeeds; a test sends each one. */
  example?: RouteExample;
}

const PERSONA = { id: "persona_id" } as const;
const ARIA = { path: { id: "{persona_id}" } } as const;
const BLOCK = { id: "persona_id", label: "label" } as const;

/** The core routes, keyed `"METHOD /path"` as the REST app lists them. */
export const REST_ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /api/health": {
    text: 'Liveness: `{status: "healthy", version, uptime_s, components: {database}}`',
    example: {},
  },
  "GET /api/system/status": { calls: ["system.status"], example: {} },
  "GET /api/system/settings": { calls: ["system.settings"], example: {} },
  "PUT /api/system/log-level": {
    calls: ["system.set_log_level"],
    text: "Body `{level}`",
    example: { body: { level: "info" } },
  },
  "GET /api/personas": {
    calls: ["persona.list"],
    text: "Query `?limit=&cursor=` (pass `next_cursor` on)",
    input: "query",
    query: ["limit", "cursor"],
    example: { query: { limit: "10" } },
  },
  "POST /api/personas": {
    calls: ["persona.create"],
    status: 201,
    text: "Body: the params",
    example: {
      body: {
        name: "Nova",
        description: "A ship navigator who trusts maps more than people",
        personality_traits: { openness: 0.8, extraversion: 0.3 },
        topic_preferences: { stars: 95 },
      },
    },
  },
  "GET /api/personas/:id": { calls: ["persona.get"], path: PERSONA, example: ARIA },
  "PATCH /api/personas/:id": {
    calls: ["persona.update"],
    text: "Body: the fields to change",
    path: PERSONA,
    example: { ...ARIA, body: { speaking_style: "bright and quick" } },
  },
  "DELETE /api/personas/:id": { calls: ["persona.delete"], path: PERSONA, example: ARIA },
  "POST /api/personas/:id/chat": {
    calls: ["conversation.send_message"],
    text: "Body `{content, sender?, room_id?, context?, stream?}` (`message` works too). With " +
      "`stream: true` or `Accept: text/event-stream`: Server-Sent Events, `chunk` events, then " +
      "`result` (or `error`)",
    path: PERSONA,
    example: { ...ARIA, body: { content: "Which song would you play for a sailor?" } },
  },
  "GET /api/personas/:id/history": {
    calls: ["conversation.get_history"],
    text: "Query `?limit=&before_id=&room_id=`",
    path: PERSONA,
    input: "query",
    query: ["limit", "before_id", "room_id"],
    example: { ...ARIA, query: { limit: "20" } },
  },
  "GET /api/personas/:id/status": { calls: ["persona.status"], path: PERSONA, example: ARIA },
  "GET /api/personas/:id/relationships": {
    calls: ["relationship.list"],
    text: "Query `?limit=&cursor=`",
    path: PERSONA,
    input: "query",
    query: ["limit", "cursor"],
    example: ARIA,
  },
  "POST /api/relationships": {
    calls: ["relationship.update"],
    text: "Body: either form",
    example: {
      body: {
        persona1_id: "{persona_id}",
        persona2_id: "{other_persona_id}",
        interaction_quality: 0.8,
        duration_minutes: 30,
        context: "deep_conversation",
      },
    },
  },
  "POST /api/conversations": {
    calls: ["conversation.start"],
    status: 201,
    example: { body: { participants: ["{persona_id}", "{other_persona_id}"], topic: "music" } },
  },
  "GET /api/conversations": {
    calls: ["conversation.list"],
    text: "Query `?persona_id=&status=&limit=&cursor=`",
    input: "query",
    query: ["persona_id", "status", "limit", "cursor"],
    example: { query: { limit: "10" } },
  },
  "GET /api/conversations/:id": {
    calls: ["conversation.status"],
    path: { id: "conversation_id" },
    example: { path: { id: "{conversation_id}" } },
  },
  "POST /api/conversations/:id/turns": {
    calls: ["conversation.turn"],
    path: { id: "conversation_id" },
    input: "none",
    example: { path: { id: "{conversation_id}" } },
  },
  "DELETE /api/conversations/:id": {
    calls: ["conversation.end"],
    text: "Query `?reason=`",
    path: { id: "conversation_id" },
    input: "query",
    query: ["reason"],
    example: { path: { id: "{conversation_id}" }, query: { reason: "enough for today" } },
  },
  "POST /api/sessions": {
    calls: ["session.get_info"],
    status: 201,
    text: "Opens a REST session and answers its `session.get_info`; send its `session_id` as " +
      "`X-Session-Id`",
    input: "none",
    example: {},
  },
  "GET /api/sessions/:id": {
    calls: ["session.get_info"],
    text: "Of that session",
    path: { id: "session" },
    example: { path: { id: "{session_id}" } },
  },
  "DELETE /api/sessions/:id": {
    text: "Closes that session",
    path: { id: "session" },
    example: { path: { id: "{session_id}" } },
  },
  "POST /api/rpc": {
    text: "Any JSON-RPC request or batch, answered exactly as the WebSocket does (204 for " +
      "notifications only)",
    example: { body: { jsonrpc: "2.0", id: 1, method: "ping" } },
  },
  "GET /api/personas/:id/memories": {
    calls: ["memory.search", "memory.list"],
    text: "`memory.search` with `?query=` (and `n_results`, `min_importance`, `memory_type`); " +
      "without `query`, `memory.list` (`limit`, `cursor` or `offset`, `memory_type`)",
    path: PERSONA,
    input: "query",
    query: ["query", "n_results", "min_importance", "memory_type", "limit", "cursor", "offset"],
    example: { ...ARIA, query: { query: "songs for sailors" } },
  },
  "POST /api/personas/:id/memories": {
    calls: ["memory.store"],
    status: 201,
    path: PERSONA,
    example: {
      ...ARIA,
      body: { content: "Kira promised to lend me her star atlas", memory_type: "relationship" },
    },
  },
  "GET /api/personas/:id/memories/stats": {
    calls: ["memory.get_stats"],
    path: PERSONA,
    example: ARIA,
  },
  "POST /api/personas/:id/memories/decay": {
    calls: ["memory.decay_force"],
    text: "Decays this persona's memories now (body `{decay_factor?}`)",
    path: PERSONA,
    example: { ...ARIA, body: { decay_factor: 0.99 } },
  },
  "POST /api/personas/:id/memories/prune": {
    calls: ["memory.prune"],
    text: "Body `{force?}`",
    path: PERSONA,
    example: { ...ARIA, body: { force: false } },
  },
  "PATCH /api/memories/:id": {
    calls: ["memory.update"],
    path: { id: "memory_id" },
    example: { path: { id: "{memory_id}" }, body: { importance: 0.9 } },
  },
  "DELETE /api/memories/:id": {
    calls: ["memory.delete"],
    path: { id: "memory_id" },
    example: { path: { id: "{memory_id}" } },
  },
  "GET /api/simulations/scenarios": { calls: ["simulation.scenarios"], example: {} },
  "GET /api/simulations": {
    calls: ["simulation.list"],
    text: "Query `?limit=&cursor=`",
    input: "query",
    query: ["limit", "cursor"],
    example: {},
  },
  "POST /api/simulations": {
    calls: ["simulation.start"],
    status: 201,
    example: { body: { scenario: "tavern_evening", ticks: 10, model: "scripted" } },
  },
  "GET /api/simulations/:id": {
    calls: ["simulation.status"],
    path: { id: "run_id" },
    example: { path: { id: "{run_id}" } },
  },
  "DELETE /api/simulations/:id": {
    calls: ["simulation.cancel"],
    path: { id: "run_id" },
    example: { path: { id: "{run_id}" } },
  },
  "GET /api/simulations/:id/report": {
    text: "The finished run's report: the self-contained HTML page, or its JSON with " +
      "`?format=json` (404 while it runs)",
    path: { id: "run_id" },
    produces: "text/html",
    example: { path: { id: "{run_id}" } },
  },
  "POST /api/personas/import": {
    calls: ["persona.import_card"],
    status: 201,
    text:
      "Body: the card file (JSON, PNG or CHARX; `--data-binary @card.png`) or a form's `file` " +
      "(`-F file=@card.png`); query `?name=&on_conflict=`. Up to `CARD_MAX_BYTES` (413 beyond)",
    input: "none",
  },
  "GET /api/personas/:id/card": {
    calls: ["persona.export_card"],
    text: "The card file itself; `?format=png|json|charx` or the `Accept` type (`image/png`, " +
      "`application/json`, `application/zip`), `?spec=v3|v2`",
    path: PERSONA,
    produces: "application/octet-stream",
  },
  "GET /api/personas/:id/avatar": {
    text: "The persona's avatar image (404 when it has none)",
    path: { id: "persona" },
    produces: "image/png",
  },
  "POST /api/personas/:id/greeting": {
    calls: ["conversation.greeting"],
    text: "Body `{index, user?}`",
    path: PERSONA,
  },
  "GET /api/personas/:id/bundle": {
    calls: ["persona.export"],
    text: "The bundle itself; `?include=memories,relationships,lorebooks,blocks`",
    path: PERSONA,
  },
  "POST /api/personas/bundles": {
    calls: ["persona.import"],
    status: 201,
    text: "Body: the bundle; query `?name=&on_conflict=`. Up to `CARD_MAX_BYTES`",
    input: "none",
  },
  "GET /api/lorebooks": {
    calls: ["lorebook.list"],
    text: "Query `?persona_id=&room_id=&limit=&cursor=`",
    input: "query",
    query: ["persona_id", "room_id", "limit", "cursor"],
  },
  "POST /api/lorebooks": { calls: ["lorebook.create"], status: 201, text: "Body: the params" },
  "POST /api/lorebooks/import": {
    calls: ["lorebook.import"],
    status: 201,
    text: "Body: the lorebook file; query `?name=&persona_id=&room_id=`. Up to `CARD_MAX_BYTES`",
    input: "none",
  },
  "GET /api/lorebooks/:id": { calls: ["lorebook.get"], path: { id: "lorebook_id" } },
  "PATCH /api/lorebooks/:id": {
    calls: ["lorebook.update"],
    text: "Body: the fields to change",
    path: { id: "lorebook_id" },
  },
  "DELETE /api/lorebooks/:id": { calls: ["lorebook.delete"], path: { id: "lorebook_id" } },
  "GET /api/lorebooks/:id/export": {
    calls: ["lorebook.export"],
    text: 'The file itself: `{spec: "lorebook_v3", data}`',
    path: { id: "lorebook_id" },
  },
  "POST /api/lorebooks/:id/test": {
    calls: ["lorebook.test"],
    text: "Body `{messages, persona_id?, user?}`; that book only",
    path: { id: "lorebook_id" },
  },
  "PUT /api/personas/:id/lorebooks/:lorebook_id": {
    calls: ["lorebook.attach"],
    path: { id: "persona_id", lorebook_id: "lorebook_id" },
    input: "none",
  },
  "DELETE /api/personas/:id/lorebooks/:lorebook_id": {
    calls: ["lorebook.detach"],
    path: { id: "persona_id", lorebook_id: "lorebook_id" },
  },
  "PUT /api/rooms/:id/lorebooks/:lorebook_id": {
    calls: ["lorebook.attach"],
    path: { id: "room_id", lorebook_id: "lorebook_id" },
    input: "none",
  },
  "DELETE /api/rooms/:id/lorebooks/:lorebook_id": {
    calls: ["lorebook.detach"],
    path: { id: "room_id", lorebook_id: "lorebook_id" },
  },
  "POST /api/rooms": { calls: ["room.create"], status: 201, text: "Body: the params" },
  "GET /api/rooms": {
    calls: ["room.list"],
    text: "Query `?limit=&cursor=`",
    input: "query",
    query: ["limit", "cursor"],
  },
  "GET /api/rooms/:id": { calls: ["room.get"], path: { id: "room_id" } },
  "DELETE /api/rooms/:id": { calls: ["room.delete"], path: { id: "room_id" } },
  "POST /api/rooms/:id/messages": {
    calls: ["room.send"],
    text: "Body `{content, sender?, stream?}`. With `stream: true` or `Accept: " +
      "text/event-stream`: Server-Sent Events, `chunk` events (each with its `speaker`), then " +
      "`result` (or `error`)",
    path: { id: "room_id" },
  },
  "GET /api/rooms/:id/messages": {
    calls: ["room.get_history"],
    text: "Query `?limit=&before_id=`",
    path: { id: "room_id" },
  },
  "PUT /api/rooms/:id/members/:persona_id": {
    calls: ["room.join"],
    path: { id: "room_id", persona_id: "persona_id" },
    input: "none",
  },
  "DELETE /api/rooms/:id/members/:persona_id": {
    calls: ["room.leave"],
    path: { id: "room_id", persona_id: "persona_id" },
  },
  "GET /api/personas/:id/blocks": {
    calls: ["memory.block_list"],
    path: PERSONA,
    example: ARIA,
  },
  "GET /api/personas/:id/blocks/:label": {
    calls: ["memory.block_get"],
    text: "Query `?changes=` (how many recent changes); labels like `user:Tam` go as they are",
    path: BLOCK,
    input: "query",
    query: ["changes"],
    example: { path: { id: "{persona_id}", label: "{block_label}" }, query: { changes: "5" } },
  },
  "PUT /api/personas/:id/blocks/:label": {
    calls: ["memory.block_set"],
    text: "Body `{content?, limit?, read_only?, description?}`",
    path: BLOCK,
    example: {
      path: { id: "{persona_id}", label: "world" },
      body: { content: "The harbour town of Vell, late autumn", limit: 500 },
    },
  },
  "POST /api/personas/:id/blocks/:label/append": {
    calls: ["memory.block_append"],
    text: "Body `{content}`",
    path: BLOCK,
    example: {
      path: { id: "{persona_id}", label: "{block_label}" },
      body: { content: "Fog rolls in at dusk." },
    },
  },
  "DELETE /api/personas/:id/blocks/:label": {
    calls: ["memory.block_delete"],
    path: BLOCK,
    example: { path: { id: "{persona_id}", label: "{block_label}" } },
  },
  "GET /api/jobs": {
    calls: ["memory.jobs"],
    text: "Query `?persona_id=&state=&kind=&limit=&offset=`",
    input: "query",
    query: ["persona_id", "state", "kind", "limit", "offset"],
    example: { query: { state: "failed", limit: "20" } },
  },
  "POST /api/jobs/retry": {
    calls: ["memory.job_retry"],
    text: "Body `{job_ids?}`",
    example: { body: {} },
  },
};
