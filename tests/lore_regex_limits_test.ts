/**
 * The adversarial lorebook over REST: entries keyed `/(?:[^z]{1,N})[zZ]/` (a count of about
 * 1,000) with scan depth 1000, dry-run by `POST /api/lorebooks/:id/test`. The keys match nothing
 * and `refused_keys` says why, while an ordinary `/pattern/i` key of the same book still fires
 * (the time the scan takes is measured in tests/bench/lore_regex_keys.ts, not asserted here).
 */
import assert from "node:assert/strict";
import { withTestServer } from "./_helpers.ts";

Deno.test("pathological regex keys are refused and reported by the dry run; ordinary ones fire", async () => {
  await withTestServer(async ({ server }) => {
    const entries = Array.from({ length: 3 }, (_, i) => ({
      keys: [`/(?:[^z]{1,${1000 - i}})[zZ]/`],
      content: `slow ${i}`,
    }));
    entries.push({ keys: ["/\\bduel(s|ist)?\\b/i"], content: "a duel" });
    const created = await fetch(`${server.apiUrl}/lorebooks`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Slow", scan_depth: 1000, entries }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { lorebook_id } = await created.json();
    const response = await fetch(`${server.apiUrl}/lorebooks/${lorebook_id}/test`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        messages: [{ text: `${"ab ".repeat(2000)} the Duelist said z` }],
      }),
    });
    assert.equal(response.status, 200);
    const dry = await response.json();
    assert.deepEqual(dry.fired.map((f: { content: string }) => f.content), ["a duel"]);
    assert.deepEqual(dry.cut, []);
    assert.deepEqual(
      dry.refused_keys.map((r: { entry: number; key: string; reason: string }) => [
        r.entry,
        r.key,
        r.reason,
      ]),
      [0, 1, 2].map((i) => [
        i,
        `/(?:[^z]{1,${1000 - i}})[zZ]/`,
        `counted repetition {1,${1000 - i}} over 100`,
      ]),
    );
  });
});
