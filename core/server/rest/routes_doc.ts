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
};
