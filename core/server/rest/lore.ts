/**
 * REST routes for lorebooks: list, create, import (an upload), read, change, delete, export,
 * a dry run, and attaching to personas and rooms.
 *
 * @module
 */
import type { Hono } from "hono";
import { jsonText } from "../../characters/mod.ts";
import { InvalidInput } from "../../errors.ts";
import { assertJsonKeys } from "../../json_keys.ts";
import { assertTextBookValues, LORE_UPLOAD_VALUES } from "../../lore/mod.ts";
import type { RestEnv, RestTools } from "./tools.ts";
import { readUpload } from "./upload.ts";
import lorebookList from "../../../handlers/lorebook/list.ts";
import lorebookCreate from "../../../handlers/lorebook/create.ts";
import lorebookImport from "../../../handlers/lorebook/import.ts";
import lorebookGet from "../../../handlers/lorebook/get.ts";
import lorebookUpdate from "../../../handlers/lorebook/update.ts";
import lorebookDelete from "../../../handlers/lorebook/delete.ts";
import lorebookExport from "../../../handlers/lorebook/export.ts";
import lorebookTest from "../../../handlers/lorebook/test.ts";
import lorebookAttach from "../../../handlers/lorebook/attach.ts";
import lorebookDetach from "../../../handlers/lorebook/detach.ts";

/** Mounts `/lorebooks` and the lorebook attachments of personas and rooms. */
export function mountLoreRoutes(api: Hono<RestEnv>, tools: RestTools): void {
  const call = tools.callIn;
  const id = (c: { req: { param(name: string): string } }) => c.req.param("id");

  api.get(
    "/lorebooks",
    async (c) =>
      c.json(
        await call(
          c,
          lorebookList,
          tools.query(c, {
            persona_id: "string",
            room_id: "string",
            limit: "number",
            cursor: "string",
          }),
        ),
      ),
  );
  api.post(
    "/lorebooks",
    async (c) => c.json(await call(c, lorebookCreate, await tools.body(c)), 201),
  );
  api.post("/lorebooks/import", async (c) => {
    const { bytes, fields } = await readUpload(c);
    // As editors save it: UTF-8 with or without a BOM (stray Windows-1252 bytes read as such),
    // UTF-16, or Windows-1252; UTF-32 is refused by name (jsonText), not as broken JSON.
    const text = jsonText(bytes).replace(/^\uFEFF/, "");
    // A book surely past LORE_LIMITS' values is refused before parsing, counted on the text as
    // the book's reader counts it (fix135); so are objects of very many keys (slow to parse and
    // walk) and a file of more values than any book within LORE_LIMITS is written in (attack32 M1).
    assertTextBookValues(text, "lorebook");
    assertJsonKeys(text, "file", { maxValues: LORE_UPLOAD_VALUES });
    let lorebook: unknown;
    try {
      lorebook = JSON.parse(text);
    } catch (error) {
      throw new InvalidInput(`The lorebook file is not valid JSON: ${(error as Error).message}`, [
        { field: "file", message: "is not valid JSON" },
      ]);
    }
    const params = { lorebook: lorebook ?? {}, ...fields };
    return c.json(await call(c, lorebookImport, params), 201);
  });
  api.get(
    "/lorebooks/:id",
    async (c) => c.json(await call(c, lorebookGet, { lorebook_id: id(c) })),
  );
  api.patch(
    "/lorebooks/:id",
    async (c) =>
      c.json(await call(c, lorebookUpdate, { ...(await tools.body(c)), lorebook_id: id(c) })),
  );
  api.delete(
    "/lorebooks/:id",
    async (c) => c.json(await call(c, lorebookDelete, { lorebook_id: id(c) })),
  );
  api.get("/lorebooks/:id/export", async (c) => {
    const format = c.req.query("format");
    const { lorebook } = await call(c, lorebookExport, {
      lorebook_id: id(c),
      ...(format ? { format } : {}),
    });
    return c.json(lorebook);
  });
  api.post(
    "/lorebooks/:id/test",
    async (c) =>
      c.json(await call(c, lorebookTest, { ...(await tools.body(c)), lorebook_ids: [id(c)] })),
  );

  for (const [path, key] of [["personas", "persona_id"], ["rooms", "room_id"]] as const) {
    api.put(`/${path}/:id/lorebooks/:lorebook_id`, async (c) =>
      c.json(
        await call(c, lorebookAttach, { lorebook_id: c.req.param("lorebook_id"), [key]: id(c) }),
      ));
    api.delete(`/${path}/:id/lorebooks/:lorebook_id`, async (c) =>
      c.json(
        await call(c, lorebookDetach, { lorebook_id: c.req.param("lorebook_id"), [key]: id(c) }),
      ));
  }
}
