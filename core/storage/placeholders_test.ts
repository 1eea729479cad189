import assert from "node:assert/strict";
import { numberedPlaceholders } from "./placeholders.ts";

Deno.test("placeholders are numbered in order; ?N keeps its number", () => {
  assert.equal(
    numberedPlaceholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?"),
    "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4",
  );
  assert.equal(
    numberedPlaceholders("WHERE id = ?1 OR parent = ?1"),
    "WHERE id = $1 OR parent = $1",
  );
});

Deno.test("question marks in text, identifiers and comments stay as they are", () => {
  assert.equal(
    numberedPlaceholders(
      `SELECT 'why?', 'it''s ?', "odd?col" -- really?\nFROM t WHERE a = ? /* b = ? */`,
    ),
    `SELECT 'why?', 'it''s ?', "odd?col" -- really?\nFROM t WHERE a = $1 /* b = ? */`,
  );
});
