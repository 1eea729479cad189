/**
 * Group chats: rooms, their messages and members.
 *
 * Part of the REST route table that `../routes_doc.ts` joins; keyed `"METHOD /path"`.
 *
 * @module
 */
import type { RouteDoc } from "./types.ts";

/** Group chats: rooms, their messages and members. */
export const ROOM_ROUTE_DOCS: Record<string, RouteDoc> = {
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
    streams: true,
    text: "Body `{content, sender?, stream?}`. With `stream: true` or `Accept: " +
      "text/event-stream`: Server-Sent Events, `chunk` events (each with its `speaker`), then " +
      "`result` (or `error`)",
    path: { id: "room_id" },
  },
  "GET /api/rooms/:id/messages": {
    calls: ["room.get_history"],
    text: "Query `?limit=&before_id=`",
    path: { id: "room_id" },
    input: "query",
    query: ["limit", "before_id"],
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
};
