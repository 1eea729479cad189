/**
 * `inherit` (`heir.ts`) at equal relevance: a replacement that already took the standing of a
 * memory it replaces keeps it for another replaced memory that matches only as well, not better
 * (the documented "when that matches better or is the first it replaces").
 */
import assert from "node:assert/strict";
import { chainRelevance, type HeirItem, inherit } from "./heir.ts";

interface Item extends HeirItem<Item> {
  name: string;
}

Deno.test("a replacement keeps its first heir for a second replaced memory that matches as well", () => {
  const newer: Item = { name: "newer", relevance: 0 };
  const first: Item = { name: "first", relevance: 0.6 };
  inherit(newer, first);
  assert.equal(newer.heirOf?.name, "first");
  assert.equal(newer.relevance, chainRelevance(0, 0.6));
  // Exactly as relevant as the replacement now is: no better match.
  const second: Item = { name: "second", relevance: newer.relevance };
  inherit(newer, second);
  assert.equal(newer.heirOf?.name, "first");
  // A better one takes the standing.
  inherit(newer, { name: "third", relevance: 0.9 });
  assert.equal(newer.heirOf?.name, "third");
});
