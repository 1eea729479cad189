/**
 * Lorebooks and their attachment to personas and rooms.
 *
 * Part of the REST route table that `../routes_doc.ts` joins; keyed `"METHOD /path"`.
 *
 * @module
 */
import type { RouteDoc } from "./types.ts";
import { UPLOAD_TYPES } from "../upload.ts";

/** Lorebooks and their attachment to personas and rooms. */
export const LOREBOOK_ROUTE_DOCS: Record<string, RouteDoc> = {
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
    text:
      "Body: the lorebook file; query `?name=&persona_id=&room_id=`. Up to `CARD_MAX_BYTES`; past `LORE_UPLOAD_VALUES` (920,000) values, or a book surely past `LORE_LIMITS.values` (400,000, counted on the text as the book counts them), refused before parsing",
    input: "none",
    ownQuery: {
      name: "The lorebook's name (instead of the file's)",
      persona_id: "Attach it to this persona",
      room_id: "Attach it to this room",
    },
    upload: UPLOAD_TYPES.get("/api/lorebooks/import"),
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
    text:
      'The file itself: `?format=sillytavern` (default, SillyTavern\'s World Info: `{entries, originalData}`) or `?format=lorebook_v3` (`{spec: "lorebook_v3", data}`)',
    path: { id: "lorebook_id" },
    input: "query",
    query: ["format"],
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
};
