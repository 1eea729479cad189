/**
 * `resources/list` resumes by the last resource's place (`RESOURCE_ORDER`), not by position:
 * personas deleted around the cursor between pages (the one it names, the next ones, earlier
 * ones) make the next page neither skip a surviving resource nor send one again, whatever the
 * personas' names (a place holds a name's first 16 characters, so it always fits in the cursor).
 */
import assert from "node:assert/strict";
import { buildServer } from "../server.ts";
import { Session } from "../../sessions/mod.ts";
import { testConfig, testLogger } from "../../../tests/_helpers.ts";
import { pageOf } from "../../paging.ts";
import type { Persona } from "../../personas/mod.ts";
import { personaPlace, placed, type Resource, RESOURCE_ORDER } from "./resource_kind.ts";
import { RESOURCE_KINDS } from "./resources.ts";

type Page = { resources: Array<{ uri: string }>; nextCursor?: string };

/** Lists `resources/list` page by page around deletions, personas named `nameOf(i)`. */
async function deleteAroundCursor(nameOf: (i: number) => string): Promise<void> {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const session = new Session("internal");
  const list = (cursor?: string) =>
    app.dispatcher.call("resources/list", cursor ? { cursor } : {}, { session }) as Promise<Page>;
  try {
    for (let i = 0; i < 40; i++) {
      await app.dispatcher.call("persona.create", { name: nameOf(i) }, { session });
    }
    const first = await list();
    const before = [...first.resources.map((resource) => resource.uri)];
    for (let cursor = first.nextCursor; cursor;) {
      const page = await list(cursor);
      before.push(...page.resources.map((resource) => resource.uri));
      cursor = page.nextCursor;
    }
    assert.ok(first.nextCursor, "more than one page");
    // Kinds in their table's order, each kind's resources together (not interleaved by persona).
    const kinds = before.map((uri) => RESOURCE_KINDS.findIndex((kind) => kind.pattern.test(uri)));
    assert.ok(kinds.every((kind, i) => kind >= 0 && (i === 0 || kinds[i - 1]! <= kind)), "grouped");
    assert.ok(new Set(kinds).size > 1, "several kinds");
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
}

Deno.test("deleting personas around a resources/list cursor skips and repeats nothing", async () => {
  await deleteAroundCursor((i) => `Extra ${i}`);
});

Deno.test("the cursor keeps its place for names of 64 quotes or backslashes (4 bytes each in it)", async () => {
  // Names are at most 64 characters: 62 of the worst, then two digits.
  const two = (i: number) => String(i).padStart(2, "0");
  await deleteAroundCursor((i) => `${'"'.repeat(62)}${two(i)}`);
  await deleteAroundCursor((i) => `${"\\".repeat(62)}${two(i)}`);
  await deleteAroundCursor((i) => `${"😀".repeat(31)}${two(i)}`);
});

Deno.test("personas created in one millisecond are listed by name (its first 16 characters), then id", () => {
  const created_at = "2026-12-05T00:00:00.000Z";
  const persona = (name: string, id: string) => ({ id, name, created_at }) as Persona;
  const people = [
    persona("Kira", "00000000-0000-4000-8000-000000000001"),
    persona("Aria", "00000000-0000-4000-8000-000000000002"),
    persona(`${"x".repeat(16)}b`, "00000000-0000-4000-8000-000000000003"),
    persona(`${"x".repeat(16)}a`, "00000000-0000-4000-8000-000000000004"),
  ];
  const resources = people.map((one) =>
    placed({ uri: `persona://${one.id}`, name: one.name } as Resource, personaPlace(one))
  );
  const page = pageOf(resources, { limit: 10 }, RESOURCE_ORDER);
  // Past 16 characters names tie, and the id decides.
  assert.deepEqual(page.items.map(({ name }) => name), [
    "Aria",
    "Kira",
    `${"x".repeat(16)}b`,
    `${"x".repeat(16)}a`,
  ]);
});

Deno.test("conversation resources are listed newest first", async () => {
  const app = await buildServer(testConfig(), { log: testLogger(), databasePath: ":memory:" });
  const session = new Session("internal");
  try {
    const started: string[] = [];
    for (let i = 0; i < 3; i++) {
      // Two new personas each time: one who just spoke rests a while (cooldown).
      const pair: string[] = [];
      for (const name of [`Left ${i}`, `Right ${i}`]) {
        const created = await app.dispatcher.call("persona.create", { name }, { session });
        pair.push((created as { persona: { id: string } }).persona.id);
      }
      const view = await app.services.dialogues.start({
        participantIds: pair,
        topic: `Topic ${i}`,
      });
      started.push(`conversation://${view.conversation_id}`);
      await app.services.dialogues.end(view.conversation_id, "done");
    }
    const uris: string[] = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await app.dispatcher.call("resources/list", cursor ? { cursor } : {}, {
        session,
      }) as Page;
      uris.push(...page.resources.map((resource) => resource.uri));
      cursor = page.nextCursor;
    }
    assert.deepEqual(uris.filter((uri) => uri.startsWith("conversation://")), started.reverse());
  } finally {
    await app.services.db.close();
  }
});
