/**
 * REST routes for lorebooks: list, create, import (an upload), read, change, delete, export,
 * a dry run, and attaching to personas and rooms.
 *
 * @module
 */
import type { Hono } from "hono";
import type { RestEnv, RestTools } from "./tools.ts";
import { readUpload } from "./upload.ts";

/** Mounts `/lorebooks` and the lorebook attachments of personas and rooms. */
export function mountLoreRoutes(api: Hono<RestEnv>, tools: RestTools): void {
  const call = tools.callIn;
  const id = (c: { req: { param(name: string): string } }) => c.req.param("id");

  api.get(
    "/lorebooks",
    async (c) =>
      c.json(
        await call(c, "lorebook.list", tools.query(c, { persona_id: "string", room_id: "string" })),
      ),
  );
  api.post(
    "/lorebooks",
    async (c) => c.json(await call(c, "lorebook.create", await tools.body(c)), 201),
  );
  api.post("/lorebooks/import", async (c) => {
    const { bytes, fields } = await readUpload(c);
    let lorebook: unknown = null;
    try {
      lorebook = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      // The method names the problem.
    }
    const params = { lorebook: lorebook ?? {}, ...fields };
    return c.json(await call(c, "lorebook.import", params), 201);
  });
  api.get(
    "/lorebooks/:id",
    async (c) => c.json(await call(c, "lorebook.get", { lorebook_id: id(c) })),
  );
  api.patch(
    "/lorebooks/:id",
    async (c) =>
      c.json(await call(c, "lorebook.update", { ...(await tools.body(c)), lorebook_id: id(c) })),
  );
  api.delete(
    "/lorebooks/:id",
    async (c) => c.json(await call(c, "lorebook.delete", { lorebook_id: id(c) })),
  );
  api.get("/lorebooks/:id/export", async (c) => {
    const { lorebook } = await call(c, "lorebook.export", { lorebook_id: id(c) }) as {
      lorebook: unknown;
    };
    return c.json(lorebook);
  });
  api.post(
    "/lorebooks/:id/test",
    async (c) =>
      c.json(await call(c, "lorebook.test", { ...(await tools.body(c)), lorebook_ids: [id(c)] })),
  );

  for (const [path, key] of [["personas", "persona_id"], ["rooms", "room_id"]] as const) {
    api.put(`/${path}/:id/lorebooks/:lorebook_id`, async (c) =>
      c.json(
        await call(c, "lorebook.attach", { lorebook_id: c.req.param("lorebook_id"), [key]: id(c) }),
      ));
    api.delete(`/${path}/:id/lorebooks/:lorebook_id`, async (c) =>
      c.json(
        await call(c, "lorebook.detach", { lorebook_id: c.req.param("lorebook_id"), [key]: id(c) }),
      ));
  }
}
