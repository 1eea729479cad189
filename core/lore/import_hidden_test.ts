/**
 * The lorebooks a persona import writes (a bundle's shared books, attached to the persona being
 * imported, and the card's own book) are hidden as the persona is: not listed, counted, paged
 * or found by id until the import's last write, on SQLite and PostgreSQL; then they all show at
 * once, and an import discarded takes them with it unseen.
 */
import assert from "node:assert/strict";
import { ManualClock } from "../clock.ts";
import { NotFound } from "../errors.ts";
import { PersonaCreate, PersonaRepository, PersonaService } from "../personas/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { parseLorebook } from "./book.ts";
import { loreMigrations } from "./migrations.ts";
import { LORE_BASE, loreOn } from "./testing/fixtures.ts";

const book = (name: string) => parseLorebook({ name, entries: [] }, "book");

eachDatabase(
  "a lorebook written by an import under way is hidden until it finishes",
  async (db) => {
    await db.migrate([...LORE_BASE, ...loreMigrations]);
    const personas = new PersonaService(new PersonaRepository(db), new ManualClock(), {
      node: "a",
    });
    const lore = loreOn(db);
    const seen = await lore.create(book("Seen"));
    const visible = async () => ({
      list: (await lore.list()).map((b) => b.name),
      page: (await lore.page({}, { limit: 10 })).items.map((b) => b.name),
      total: (await lore.page({}, { limit: 10 })).total_count,
    });
    const before = await visible();
    assert.deepEqual(before, { list: ["Seen"], page: ["Seen"], total: 1 });

    const copy = await personas.createImporting(PersonaCreate.parse({ name: "Copy" }));
    const shared = await lore.createAttached(book("Shared"), { personaId: copy.id });
    await personas.whileImporting(copy, () => lore.setOwnBook(copy, book("Own")));
    assert.deepEqual(await visible(), before, "hidden while the import runs");
    await assert.rejects(lore.get(shared.id), NotFound);
    await assert.rejects(lore.update(shared.id, { name: "Renamed" }), NotFound);

    await personas.finishImport(copy);
    const after = await visible();
    assert.deepEqual(after.list.sort(), ["Own", "Seen", "Shared"]);
    assert.equal(after.total, 3);
    assert.equal((await lore.get(shared.id)).name, "Shared");
    assert.equal(seen.name, "Seen");

    // An import rolled back deletes its books, unseen all along.
    const failed = await personas.createImporting(PersonaCreate.parse({ name: "Failed" }));
    const gone = await lore.createAttached(book("Gone"), { personaId: failed.id });
    assert.equal((await visible()).total, 3);
    await lore.delete(gone.id);
    await personas.discardImport(failed);
    assert.equal((await visible()).total, 3);
  },
);
