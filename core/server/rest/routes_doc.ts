/**
 * What each REST route does, for the generated route table. The routes themselves come from the
 * REST app; a test fails when a route has no entry here, when an entry names no route, and when
 * a route does not run the method its entry names.
 *
 * @module
 */

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
}

/** The core routes, keyed `"METHOD /path"` as the REST app lists them. */
export const REST_ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /api/health": {
    text: 'Liveness: `{status: "healthy", version, uptime_s, components: {database}}`',
  },
  "GET /api/system/status": { calls: ["system.status"] },
  "GET /api/personas": { calls: ["persona.list"] },
  "POST /api/personas": { calls: ["persona.create"], status: 201, text: "Body: the params" },
  "GET /api/personas/:id": { calls: ["persona.get"] },
  "PATCH /api/personas/:id": { calls: ["persona.update"], text: "Body: the fields to change" },
  "DELETE /api/personas/:id": { calls: ["persona.delete"] },
  "POST /api/personas/:id/chat": {
    calls: ["conversation.send_message"],
    text: "Body `{content, sender?, room_id?, context?, stream?}` (`message` works too). With " +
      "`stream: true` or `Accept: text/event-stream`: Server-Sent Events, `chunk` events, then " +
      "`result` (or `error`)",
  },
  "GET /api/personas/:id/history": {
    calls: ["conversation.get_history"],
    text: "Query `?limit=&before_id=&room_id=`",
  },
  "GET /api/personas/:id/status": { calls: ["persona.status"] },
  "GET /api/personas/:id/relationships": { calls: ["relationship.list"] },
  "POST /api/relationships": { calls: ["relationship.update"], text: "Body: either form" },
  "POST /api/conversations": { calls: ["conversation.start"], status: 201 },
  "GET /api/conversations": {
    calls: ["conversation.list"],
    text: "Query `?persona_id=&status=&limit=`",
  },
  "GET /api/conversations/:id": { calls: ["conversation.status"] },
  "POST /api/conversations/:id/turns": { calls: ["conversation.turn"] },
  "DELETE /api/conversations/:id": { calls: ["conversation.end"], text: "Query `?reason=`" },
  "POST /api/sessions": {
    calls: ["session.get_info"],
    status: 201,
    text: "Opens a REST session and answers its `session.get_info`; send its `session_id` as " +
      "`X-Session-Id`",
  },
  "GET /api/sessions/:id": { calls: ["session.get_info"], text: "Of that session" },
  "DELETE /api/sessions/:id": { text: "Closes that session" },
  "POST /api/rpc": {
    text: "Any JSON-RPC request or batch, answered exactly as the WebSocket does (204 for " +
      "notifications only)",
  },
  "GET /api/personas/:id/memories": {
    calls: ["memory.search", "memory.list"],
    text: "`memory.search` with `?query=` (and `n_results`, `min_importance`, `memory_type`); " +
      "without `query`, `memory.list` (`limit`, `offset`, `memory_type`)",
  },
  "POST /api/personas/:id/memories": { calls: ["memory.store"], status: 201 },
  "GET /api/personas/:id/memories/stats": { calls: ["memory.get_stats"] },
  "PATCH /api/memories/:id": { calls: ["memory.update"] },
  "DELETE /api/memories/:id": { calls: ["memory.delete"] },
  "POST /api/personas/import": {
    calls: ["persona.import_card"],
    status: 201,
    text:
      "Body: the card file (JSON, PNG or CHARX; `--data-binary @card.png`) or a form's `file` " +
      "(`-F file=@card.png`); query `?name=&on_conflict=`. Up to `CARD_MAX_BYTES` (413 beyond)",
  },
  "GET /api/personas/:id/card": {
    calls: ["persona.export_card"],
    text: "The card file itself; `?format=png|json|charx` or the `Accept` type (`image/png`, " +
      "`application/json`, `application/zip`), `?spec=v3|v2`",
  },
  "GET /api/personas/:id/avatar": { text: "The persona's avatar image (404 when it has none)" },
  "POST /api/personas/:id/greeting": {
    calls: ["conversation.greeting"],
    text: "Body `{index, user?}`",
  },
  "GET /api/personas/:id/bundle": {
    calls: ["persona.export"],
    text: "The bundle itself; `?include=memories,relationships,lorebooks,blocks`",
  },
  "POST /api/personas/bundles": {
    calls: ["persona.import"],
    status: 201,
    text: "Body: the bundle; query `?name=&on_conflict=`. Up to `CARD_MAX_BYTES`",
  },
  "GET /api/lorebooks": { calls: ["lorebook.list"], text: "Query `?persona_id=&room_id=`" },
  "POST /api/lorebooks": { calls: ["lorebook.create"], status: 201, text: "Body: the params" },
  "POST /api/lorebooks/import": {
    calls: ["lorebook.import"],
    status: 201,
    text: "Body: the lorebook file; query `?name=&persona_id=&room_id=`. Up to `CARD_MAX_BYTES`",
  },
  "GET /api/lorebooks/:id": { calls: ["lorebook.get"] },
  "PATCH /api/lorebooks/:id": { calls: ["lorebook.update"], text: "Body: the fields to change" },
  "DELETE /api/lorebooks/:id": { calls: ["lorebook.delete"] },
  "GET /api/lorebooks/:id/export": {
    calls: ["lorebook.export"],
    text: 'The file itself: `{spec: "lorebook_v3", data}`',
  },
  "POST /api/lorebooks/:id/test": {
    calls: ["lorebook.test"],
    text: "Body `{messages, persona_id?, user?}`; that book only",
  },
  "PUT /api/personas/:id/lorebooks/:lorebook_id": { calls: ["lorebook.attach"] },
  "DELETE /api/personas/:id/lorebooks/:lorebook_id": { calls: ["lorebook.detach"] },
  "PUT /api/rooms/:id/lorebooks/:lorebook_id": { calls: ["lorebook.attach"] },
  "DELETE /api/rooms/:id/lorebooks/:lorebook_id": { calls: ["lorebook.detach"] },
  "POST /api/rooms": { calls: ["room.create"], status: 201, text: "Body: the params" },
  "GET /api/rooms": { calls: ["room.list"] },
  "GET /api/rooms/:id": { calls: ["room.get"] },
  "DELETE /api/rooms/:id": { calls: ["room.delete"] },
  "POST /api/rooms/:id/messages": {
    calls: ["room.send"],
    text: "Body `{content, sender?, stream?}`. With `stream: true` or `Accept: " +
      "text/event-stream`: Server-Sent Events, `chunk` events (each with its `speaker`), then " +
      "`result` (or `error`)",
  },
  "GET /api/rooms/:id/messages": {
    calls: ["room.get_history"],
    text: "Query `?limit=&before_id=`",
  },
  "PUT /api/rooms/:id/members/:persona_id": { calls: ["room.join"] },
  "DELETE /api/rooms/:id/members/:persona_id": { calls: ["room.leave"] },
};
