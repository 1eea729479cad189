/**
 * The value budgets (attack28 F1, F4): files and messages of millions of empty `{}`/`[]` hold
 * almost no key, so the key checks let them through and they blocked the server for seconds,
 * and a lorebook of them was stored and then blocked every export. Now an upload is refused past
 * `MAX_TOTAL_VALUES` and a message past `MAX_MESSAGE_VALUES` before either is parsed, and a book
 * past `LORE_LIMITS.values` however it comes; the World Info export of a book holding a long
 * array no longer overflows the stack. Real sockets, a real SQLite file; no timing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";
import { jsonCounts, MAX_TOTAL_VALUES } from "../core/json_keys.ts";
import { LORE_LIMITS } from "../core/lore/mod.ts";
import { MAX_MESSAGE_VALUES } from "../core/server/rpc/json_depth.ts";

/** `count` empty objects as JSON array items (2 values each: `{` and a comma). */
function emptyObjects(count: number): string {
  return `${"{},".repeat(count - 1)}{}`;
}

async function post(url: string, body: string, type = "application/json") {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": type }, body });
  return { status: response.status, json: await response.json() };
}

Deno.test("uploads of a million empty objects are refused before they are parsed (attack28 F1)", async () => {
  await withTestServer(async ({ server, client }) => {
    const api = server.apiUrl;
    const many = emptyObjects(MAX_TOTAL_VALUES / 2 + 1);
    const world =
      `{"entries":{"0":{"uid":0,"key":["k"],"content":"c","extensions":{},"o":[${many}]}}}`;
    const card =
      `{"spec":"chara_card_v2","spec_version":"2.0","data":{"name":"Empty","extensions":{"o":[${many}]}}}`;
    const bundle =
      `{"format":"persona-mcp/bundle","version":1,"persona":{"name":"B"},"memories":[{` +
      `"content":"m","metadata":{"o":[${many}]}}]}`;
    const uploads: Array<[string, string]> = [
      ["lorebooks/import", world],
      ["personas/import", card],
      ["personas/bundles", bundle],
    ];
    for (const [route, body] of uploads) {
      const { status, json } = await post(`${api}/${route}`, body);
      assert.equal(status, 400, route);
      assert.equal(json.error?.code, -32602, route);
      // A lorebook upload is refused sooner, by its book's own count read on the text (the
      // entry's field goes to its extensions: fix135), before its upload bound would
      // (LORE_UPLOAD_VALUES, attack32 M1).
      const refusal = route === "lorebooks/import"
        ? `lorebook must hold at most ${LORE_LIMITS.values} values`
        : `more than ${MAX_TOTAL_VALUES} values`;
      assert.match(json.error?.message ?? "", new RegExp(refusal), route);
    }
    assert.deepEqual((await client.call("lorebook.list", {})).lorebooks, []);
  });
});

/**
 * A lorebook_v3 file whose book holds exactly `values` values where they are counted (one key,
 * one extension member, and the items of the array it holds); its entry at `position`.
 */
function bookOfValues(values: number, position?: string): string {
  const entry = {
    keys: ["k"],
    content: "c",
    position,
    extensions: { a: Array(values - 2).fill(0) },
  };
  return JSON.stringify({ spec: "lorebook_v3", data: { name: "values", entries: [entry] } });
}

Deno.test("a stored book holds at most LORE_LIMITS.values values; one at the bound exports and re-imports", async () => {
  await withTestServer(async ({ server }) => {
    const api = server.apiUrl;
    const over = await post(`${api}/lorebooks/import`, bookOfValues(LORE_LIMITS.values + 1));
    assert.equal(over.status, 400);
    assert.equal(over.json.error?.code, -32602);
    assert.match(over.json.error?.message ?? "", /at most 400000 values/);
    // An entry at a non-spec position is exported with a note of its position, which the count of
    // the book read back leaves out (review36 R36-3).
    for (const position of [undefined, "at_depth"]) {
      await boundBookRoundTrips(api, position);
    }
  });
});

/** A book at the bound, its entry at `position`, stored, exported both ways and imported again. */
async function boundBookRoundTrips(api: string, position: string | undefined) {
  const at = await post(`${api}/lorebooks/import`, bookOfValues(LORE_LIMITS.values, position));
  assert.equal(at.status, 201, JSON.stringify(at.json).slice(0, 300));
  // An array of ~400,000 items: the World Info export once overflowed the stack here (F4).
  for (const format of ["sillytavern", "lorebook_v3"]) {
    const exported = await fetch(
      `${api}/lorebooks/${at.json.lorebook_id}/export?format=${format}`,
    );
    assert.equal(exported.status, 200, format);
    const again = await post(`${api}/lorebooks/import`, await exported.text());
    assert.equal(again.status, 201, `${format}: ${JSON.stringify(again.json).slice(0, 300)}`);
    // SillyTavern's reader adds its own fields to the entry; the book is still at the bound.
    const book = (await (await fetch(`${api}/lorebooks/${again.json.lorebook_id}`)).json())
      .lorebook.book;
    assert.equal(book.entries[0].extensions.a.length, LORE_LIMITS.values - 2, format);
    // (SillyTavern's reader gives an entry of no position one of its own.)
    if (position !== undefined) assert.equal(book.entries[0].position, position, format);
  }
}

Deno.test("a message of more values than MAX_MESSAGE_VALUES is refused before it is parsed; at the bound it runs", async () => {
  await withTestServer(async ({ server, client }) => {
    /** `lorebook.create` with id 7 whose message holds exactly `values` values. */
    const message = (values: number) => {
      const text = (items: number) =>
        `{"jsonrpc":"2.0","id":7,"method":"lorebook.create","params":{"name":"m${values}",` +
        `"extensions":{"a":[${"0,".repeat(items - 1)}0]}}}`;
      const items = values - jsonCounts(JSON.parse(text(1))).values + 1;
      assert.equal(jsonCounts(JSON.parse(text(items)), { values: Infinity }).values, values);
      return text(items);
    };
    const refused = await client.sendRaw(message(MAX_MESSAGE_VALUES + 1)) as {
      id: unknown;
      error: { code: number; data?: { max_values?: number } };
    };
    assert.equal(refused.id, 7);
    assert.equal(refused.error.code, -32602);
    assert.equal(refused.error.data?.max_values, MAX_MESSAGE_VALUES);
    const rest = await post(`${server.apiUrl}/lorebooks`, message(MAX_MESSAGE_VALUES + 1));
    assert.equal(rest.status, 400);
    assert.equal(rest.json.error?.code, -32602);
    const created = await client.sendRaw(message(MAX_MESSAGE_VALUES)) as {
      result: { lorebook_id: string };
    };
    const id = created.result.lorebook_id;
    assert.ok(id, JSON.stringify(created).slice(0, 300));
    // Its book holds an array of ~200,000 items: the SillyTavern export answers (F4: -32603).
    const exported = await client.call<{ lorebook: { entries: object } }>("lorebook.export", {
      lorebook_id: id,
    });
    assert.deepEqual(exported.lorebook.entries, {});
    assert.equal((await fetch(`${server.apiUrl}/lorebooks/${id}/export`)).status, 200);
  });
});
