/**
 * `mayTellUpdate` (`core/memory/newer_signs.ts`) skips only pairs that cannot pair: over every
 * pair of memories of every open recall set (older first, in the set's order), in every reading
 * the pairing has (a question about now or not, each side in a compared voice or not, the two
 * fully alike, the query's terms the older one's words), a newer memory it rules out never
 * replaces the older one. An older one awaiting something is compared with every newer one,
 * ruled out or not (`findUnlinkedUpdates`: "The interview went well" meets "Next Friday I have a
 * job interview" with no other sign), so its pairs are not among those ruled out. The held-out
 * sets are not read.
 */
import assert from "node:assert/strict";
import { isHeldOut, loadNamedSet } from "./bench/recall/_set.ts";
import { mayTellUpdate } from "../core/memory/newer_signs.ts";
import { awaitedHeadsOfText } from "../core/memory/met_prospects.ts";
import { contenderOf, pairsLoosely } from "../core/memory/testing/newer_pairs.ts";

/** The open single-fact sets `score.sh` runs (their memories; the several-fact sets share them). */
const OPEN_SETS = [1, 2, 4, 5, 6, ...Array.from({ length: 12 }, (_, i) => i + 9)].map((n) =>
  `set${n}`
);

Deno.test("mayTellUpdate rules out no pair that replaces, over every pair of every open recall set", () => {
  assert.ok(OPEN_SETS.every((name) => !isHeldOut(name)));
  let skipped = 0;
  let read = 0;
  let paired = 0;
  for (const name of OPEN_SETS) {
    const texts = loadNamedSet(name).memories.map((memory) => memory.text);
    for (const voiced of [true, false]) {
      const contenders = texts.map((text, i) =>
        contenderOf(text, { minute: i, voiced, id: `${name}-${i}` })
      );
      for (let j = 1; j < contenders.length; j++) {
        const newer = contenders[j]!;
        for (const current of [false, true]) {
          const telling = mayTellUpdate(newer, current);
          for (let i = 0; i < j; i++) {
            for (const olderVoiced of [true, false]) {
              // The pairs it lets through are read as before: only the first set's, to show the
              // loosest reading pairs (the test is not vacuous).
              if (telling && name !== OPEN_SETS[0]) continue;
              const pairs = pairsLoosely(contenders[i]!, newer, { current, olderVoiced });
              if (telling) {
                read++;
                if (pairs) paired++;
                continue;
              }
              // The pairing reads these whatever the newer one tells (`met_prospects.ts`).
              if (awaitedHeadsOfText(contenders[i]!.text).length > 0) continue;
              skipped++;
              assert.ok(!pairs, `${name}: "${contenders[i]!.text}" → "${newer.text}"`);
            }
          }
        }
      }
    }
  }
  // Not vacuous: many pairs are ruled out, and the loosest reading pairs many of the rest.
  console.log(`${skipped} pairs ruled out; set1: ${paired} paired of ${read} read`);
  assert.ok(skipped > 100_000, `${skipped} skipped`);
  assert.ok(paired > 1_000, `${paired} paired of ${read}`);
});
