/**
 * Character cards, avatars, greetings and persona bundles.
 *
 * Part of the REST route table that `../routes_doc.ts` joins; keyed `"METHOD /path"`.
 *
 * @module
 */
import { PERSONA } from "./params.ts";
import type { RouteDoc } from "./types.ts";
import { UPLOAD_TYPES } from "../upload.ts";

/** The query fields of the persona imports (read as the upload's form fields). */
const IMPORT_QUERY = {
  name: "The imported persona's name (instead of the file's)",
  on_conflict: "When the name is taken: the method's `on_conflict`",
};

/** Character cards, avatars, greetings and persona bundles. */
export const CHARACTER_ROUTE_DOCS: Record<string, RouteDoc> = {
  "POST /api/personas/import": {
    calls: ["persona.import_card"],
    status: 201,
    text:
      "Body: the card file (JSON, PNG or CHARX; `--data-binary @card.png`) or a form's `file` " +
      "(`-F file=@card.png`, or a text card as `-F 'file=<card.json'`); query `?name=&on_conflict=`. Up to `CARD_MAX_BYTES` (413 beyond)",
    input: "none",
    ownQuery: IMPORT_QUERY,
    upload: UPLOAD_TYPES.get("/api/personas/import"),
  },
  "GET /api/personas/:id/card": {
    calls: ["persona.export_card"],
    text: "The card file itself; `?format=png|json|charx` or the `Accept` type (`image/png`, " +
      "`application/json`, `application/zip`), `?spec=v3|v2`",
    path: PERSONA,
    ownQuery: {
      format: "`png`, `json` or `charx` (else from `Accept`)",
      spec: "`v3` (the default) or `v2`",
    },
    produces: "application/octet-stream",
  },
  "GET /api/personas/:id/avatar": {
    text: "The persona's avatar image (404 when it has none)",
    path: { id: "persona" },
    produces: "image/png",
  },
  "PUT /api/personas/:id/avatar": {
    calls: ["persona.update"],
    text: "Body: the image itself (PNG, JPEG, WebP or GIF, told by its bytes; raw " +
      "`--data-binary @avatar.png` or a form's `file`), up to `CARD_MAX_BYTES` (413 beyond): " +
      "avatars larger than a JSON request (`MAX_FRAME_BYTES`) can take. Answers " +
      "`{persona_id, avatar: {mime, size_bytes}, message}`",
    path: PERSONA,
    input: "none",
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
    ownQuery: { include: "Comma-separated: `memories`, `relationships`, `lorebooks`, `blocks`" },
  },
  "POST /api/personas/bundles": {
    calls: ["persona.import"],
    status: 201,
    text: "Body: the bundle; query `?name=&on_conflict=`. Up to `CARD_MAX_BYTES`",
    input: "none",
    ownQuery: IMPORT_QUERY,
    upload: UPLOAD_TYPES.get("/api/personas/bundles"),
  },
};
