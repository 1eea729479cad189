/**
 * `resources/list` resumes by the last resource's place (`RESOURCE_ORDER`), not by position:
 * personas deleted around the cursor between pages (the one it names, the next ones, earlier
 * ones) make the next page neither skip a surviving resource nor send one again.
 */
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { Session } from "../../sessions/mod.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";

type Page = { resources: Array<{ uri: string }>; nextCursor?: string };

Deno.test("deleting personas around a resources/list cursor skips and repeats nothing", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const session = new Session("internal");
  const list = (cursor?: string) =>
    app.dispatcher.call("resources/list", cursor ? { cursor } : {}, { session }) as Promise<Page>;
  try {
    for (let i = 0; i < 40; i++) {
      await app.dispatcher.call("persona.create", { name: `Extra ${i}` }, { session });
    }
    const first = await list();
    const before = [...first.resources.map((resource) => resource.uri)];
    for (let cursor = first.nextCursor; cursor;) {
      const page = await list(cursor);
      before.push(...page.resources.map((resource) => resource.uri));
      cursor = page.nextCursor;
    }
    assert.ok(first.nextCursor, "more than one page");
    const last = first.resources.at(-1)!.uri;
    const personaOf = (uri: string) => /^persona:\/\/([^/]+)/.exec(uri)![1]!;
    // The persona of the page's last resource, the two after it and one before it go.
    const ids = (await app.services.personas.list()).map((persona) => persona.id);
    const at = ids.indexOf(personaOf(last));
    const gone = [ids[at - 1]!, ids[at]!, ids[at + 1]!, ids[at + 2]!];
    for (const id of gone) await app.services.personas.delete(id);
    const after = (await list()).resources.map((resource) => resource.uri);
    assert.ok(!after.includes(last), "the resource the cursor names is gone");

    const seen = first.resources.map((resource) => resource.uri);
    let cursor: string | undefined = first.nextCursor;
    while (cursor) {
      const page = await list(cursor);
      seen.push(...page.resources.map((resource) => resource.uri));
      cursor = page.nextCursor;
    }
    assert.equal(new Set(seen).size, seen.length, "no resource sent twice");
    const survivors = before.filter((uri) => !gone.includes(personaOf(uri)));
    const missed = survivors.filter((uri) => !seen.includes(uri));
    assert.deepEqual(missed, [], "no surviving resource skipped");
  } finally {
    await app.services.db.close();
  }
});
