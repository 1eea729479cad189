/**
 * System, personas, chat, relationships, persona-to-persona conversations, sessions and the JSON-RPC bridge.
 *
 * Part of the REST route table that `../routes_doc.ts` joins; keyed `"METHOD /path"`.
 *
 * @module
 */
import { ARIA, PERSONA } from "./params.ts";
import type { RouteDoc } from "./types.ts";

/** System, personas, chat, relationships, persona-to-persona conversations, sessions and the JSON-RPC bridge. */
export const CORE_ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /api/health": {
    text:
      'Health: `{status: "healthy", version, uptime_s, components: {database}, storage: {status, pool}}`; the database is probed (`SELECT 1`, 2 s; on PostgreSQL on a connection of its own while every pooled one is busy, so a saturated node stays `ok`): 503 `unhealthy`, `database: "unavailable"`, `storage.status: "down"` when it fails; 200 `degraded`, `storage: {status: "degraded", reason}` when it answers but the PostgreSQL pool\'s queue is full (`pool_saturated`) or writes fail (`disk_full`, `read_only`, `io_error`, until one succeeds); 200 `degraded` with `components.memory: "shedding"` while the memory guard (`MEMORY_GUARD_MB`) closes silent WebSockets. `storage.pool` (PostgreSQL): `{size, busy, waiting}`. With AUTH_TOKEN, a request without any token (a load balancer\'s check) gets only `{status}` with the same 200 or 503; a wrong token is 401; checks at once share one probe',
    example: {},
  },
  "GET /api/system/status": { calls: ["system.status"], example: {} },
  "GET /api/system/settings": { calls: ["system.settings"], example: {} },
  "GET /api/system/models": { calls: ["system.models"], example: {} },
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
    streams: true,
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
};
