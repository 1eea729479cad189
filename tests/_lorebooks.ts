/**
 * What the lorebook round-trip tests share: importing a book file over REST and reading a
 * stored book back.
 *
 * @module
 */
import assert from "node:assert/strict";

/** A JSON object, as books and entries are read here. */
export type Json = Record<string, unknown>;

/** Imports `file` (a lorebook file's JSON) through `POST {api}/lorebooks/import`; its id. */
export async function importBook(api: string, file: unknown): Promise<string> {
  const response = await fetch(`${api}/lorebooks/import`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(file),
  });
  const json = await response.json();
  assert.equal(response.status, 201, JSON.stringify(json));
  return json.lorebook_id;
}

/** The stored book of lorebook `id` (`GET {api}/lorebooks/{id}`). */
export async function bookOf(api: string, id: string): Promise<Json> {
  return (await (await fetch(`${api}/lorebooks/${id}`)).json()).lorebook.book;
}
