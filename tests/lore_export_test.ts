/**
 * `lorebook.export` (attack14 F4): by default SillyTavern's World Info file, which SillyTavern's
 * import takes (it requires `entries` at the root, keyed by uid, in its entry shape) and which
 * this server reads back unchanged; edits made to its entries in SillyTavern win over the
 * `originalData` copy. `format: "lorebook_v3"` is the V3 spec's file. Real sockets and SQLite.
 *
 * @module
 */
import assert from "node:assert/strict";
import { sillyTavernWorld } from "./_sillytavern_world.ts";
import { withTestServer } from "./_helpers.ts";
import { bookOf, importBook, type Json } from "./_lorebooks.ts";

/** A V3 book with what SillyTavern has no field for: names, priorities, ids of every kind. */
function richBook(): Json {
  return {
    name: "Isles",
    description: "The drowned isles",
    scan_depth: 4,
    token_budget: 600,
    recursive_scanning: true,
    extensions: { custom: { a: 1 } },
    entries: [
      {
        id: 7,
        keys: ["reef", "/coral+/i"],
        content: "The reef glows at night.",
        extensions: { position: 4, depth: 2, display_index: 0, match_whole_words: true, fooBar: 1 },
        enabled: true,
        insertion_order: 10,
        use_regex: true,
        name: "Reef",
        priority: 3,
        case_sensitive: false,
        comment: "glow",
        selective: true,
        secondary_keys: ["night"],
        position: "after_char",
        mystery: { kept: true },
      },
      {
        keys: ["tide"],
        content: "Tides are high.",
        extensions: {},
        enabled: false,
        insertion_order: 5,
        use_regex: false,
      },
      {
        id: 7,
        keys: ["dup"],
        content: "Same id as the reef.",
        extensions: {},
        enabled: true,
        insertion_order: 1,
        use_regex: false,
        constant: true,
      },
      {
        id: "ship-1",
        keys: ["ship"],
        content: "A ship.",
        extensions: {},
        enabled: true,
        insertion_order: 2,
        use_regex: false,
        position: "before_char",
      },
    ],
  };
}

Deno.test("lorebook.export writes SillyTavern World Info that SillyTavern imports and this server reads back unchanged", async () => {
  await withTestServer(async ({ server, client }) => {
    const api = server.apiUrl;
    const id = await importBook(api, { spec: "lorebook_v3", data: richBook() });
    const original = await bookOf(api, id);
    const { lorebook: file, format } = await client.call<{ lorebook: Json; format: string }>(
      "lorebook.export",
      { lorebook_id: id },
    );
    assert.equal(format, "sillytavern");
    // What SillyTavern's import checks ("File must contain a world info entries list"), and the
    // entry fields its World Info reads.
    assert.ok("entries" in file && typeof file.entries === "object");
    const entries = Object.values(file.entries as Record<string, Json>);
    assert.equal(entries.length, 4);
    const uids = entries.map((entry) => String(entry.uid));
    assert.equal(new Set(uids).size, 4, "each uid once");
    for (const entry of entries) {
      assert.ok(Array.isArray(entry.key) && typeof entry.content === "string");
      assert.equal(typeof entry.order, "number");
      assert.equal(typeof entry.position, "number");
      assert.equal(typeof entry.disable, "boolean");
    }
    const reef = (file.entries as Record<string, Json>)["7"]!;
    assert.deepEqual(
      [reef.position, reef.depth, reef.displayIndex, reef.matchWholeWords, reef.keysecondary],
      [4, 2, 0, true, ["night"]],
    );
    assert.equal(entries.find((entry) => entry.content === "Tides are high.")?.disable, true);

    // Read back over REST and JSON-RPC: the same book, field for field.
    const again = await importBook(api, file);
    assert.deepEqual(await bookOf(api, again), original);
    const viaRpc = await client.call<{ lorebook_id: string }>("lorebook.import", {
      lorebook: file,
    });
    assert.deepEqual(await bookOf(api, viaRpc.lorebook_id), original);

    // Edited in SillyTavern: the entries win over the stale originalData.
    const edited = structuredClone(file) as { entries: Record<string, Json> };
    edited.entries["7"]!.content = "The reef is dark now.";
    const changed = await bookOf(api, await importBook(api, edited));
    const contents = (changed.entries as Json[]).map((entry) => entry.content);
    assert.ok(contents.includes("The reef is dark now."));

    // The V3 file on request.
    const v3 = await client.call<{ lorebook: Json }>("lorebook.export", {
      lorebook_id: id,
      format: "lorebook_v3",
    });
    assert.equal(v3.lorebook.spec, "lorebook_v3");
    assert.deepEqual(await bookOf(api, await importBook(api, v3.lorebook)), original);
  });
});

Deno.test("a SillyTavern world goes out as World Info again with its entries as SillyTavern wrote them", async () => {
  await withTestServer(async ({ server }) => {
    const api = server.apiUrl;
    const world = sillyTavernWorld() as { entries: Record<string, Json> };
    const id = await importBook(api, world);
    const file = await (await fetch(`${api}/lorebooks/${id}/export`)).json();
    for (const [uid, entry] of Object.entries(world.entries)) {
      const out = file.entries[uid];
      assert.ok(out, `uid ${uid}`);
      for (const field of ["key", "content", "order", "position", "disable", "depth", "group"]) {
        if (entry[field] !== undefined) {
          assert.deepEqual(out[field], entry[field], `${uid}.${field}`);
        }
      }
    }
  });
});
