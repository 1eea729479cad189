/**
 * `mayTellUpdate` (`core/memory/newer_signs.ts`) skips only pairs that cannot pair: over every
 * pair of memories of every open recall set (older first, in the set's order), in every reading
 * the pairing has (a question about now or not, each side in a compared voice or not, the two
 * fully alike, the query's terms the older one's words), a newer memory it rules out never
 * replaces the older one. A newer one it rules out is compared with an older one awaiting
 * something only when it meets what the older one awaits (`findUnlinkedUpdates`: "The interview
 * went well" meets "Next Friday I have a job interview" with no other sign, `meetsProspect`): such
 * a pair, when made, is one the set labels an update (`supersedes`) or one listed here with its
 * reason; any other pair of an awaiting one is ruled out as every other. The held-out sets are
 * not read.
 */
import assert from "node:assert/strict";
import { isHeldOut, type LabelledMemory, loadNamedSet } from "./bench/recall/_set.ts";
import { mayTellUpdate } from "../core/memory/newer_signs.ts";
import { awaitedHeadsOfText } from "../core/memory/awaited_heads.ts";
import { meetsProspect } from "../core/memory/met_prospects.ts";
import { contenderOf, pairsLoosely } from "../core/memory/testing/newer_pairs.ts";

/** The open single-fact sets `score.sh` runs (their memories; the several-fact sets share them). */
const OPEN_SETS = [1, 2, 4, 5, 6, ...Array.from({ length: 12 }, (_, i) => i + 9)].map((n) =>
  `set${n}`
);

/**
 * The prospects `meetsProspect` meets in the open sets that the sets do not label an update
 * (`set older → newer`), each with its reason. Any other unlabelled one fails the tests, and so
 * does an entry no longer met (the list is kept to what is read today).
 */
const UNLABELLED_MET: ReadonlyMap<string, string> = new Map([
  // A reading bug (session 49, fix180): the newer clause's subject is "I", no content word, so
  // the subject rule passes it, while the older one awaits for someone else.
  [
    "set1 f09 → f46",
    "'My husband Tomas is training for the Berlin marathon' → 'I ran my first half marathon': " +
    "the persona's run, not her husband's (not paired: no reading of the pairing makes it)",
  ],
  // True readings the set does not label: the newer one does tell the awaited thing over.
  [
    "set20 d037 → d038",
    "'I've got a show tonight' → 'the show went down really well': two distractors telling one " +
    "evening's show, scheduled then held (paired)",
  ],
  [
    "set20 d382 → u11",
    "Juno's 'Is she pregnant?' → 'Maja had the baby!': the question awaits the child the set's " +
    "labelled f47 awaits (not paired: no reading of the pairing makes it)",
  ],
]);

/** The key of a pair in {@linkcode UNLABELLED_MET}. */
function pairKey(name: string, older: LabelledMemory, newer: LabelledMemory): string {
  return `${name} ${older.label} → ${newer.label}`;
}

/** Whether the set labels `newer` an update of `older`, or the pair is listed with its reason. */
function labelledOrListed(name: string, older: LabelledMemory, newer: LabelledMemory): boolean {
  return newer.supersedes === older.label || UNLABELLED_MET.has(pairKey(name, older, newer));
}

Deno.test("mayTellUpdate rules out no pair that replaces, over every pair of every open recall set", () => {
  assert.ok(OPEN_SETS.every((name) => !isHeldOut(name)));
  let skipped = 0;
  let read = 0;
  let paired = 0;
  let metRead = 0;
  let metPaired = 0;
  for (const name of OPEN_SETS) {
    const memories = loadNamedSet(name).memories;
    for (const voiced of [true, false]) {
      const contenders = memories.map((memory, i) =>
        contenderOf(memory.text, { minute: i, voiced, id: `${name}-${i}` })
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
              const pair = `${name}: "${contenders[i]!.text}" → "${newer.text}"`;
              // The pairing reads these for a prospect met alone (`met_prospects.ts`): a pair is
              // made only of one labelled or listed.
              if (meetsProspect(contenders[i]!.text, newer.text)) {
                metRead++;
                if (!pairs) continue;
                metPaired++;
                assert.ok(
                  labelledOrListed(name, memories[i]!, memories[j]!),
                  `false pair: ${pair}`,
                );
                continue;
              }
              skipped++;
              assert.ok(!pairs, pair);
            }
          }
        }
      }
    }
  }
  // Not vacuous: many pairs are ruled out, and the loosest reading pairs many of the rest; pairs
  // meeting a prospect are read, and some are made (set 4's interview, set 20's listed one).
  console.log(
    `${skipped} pairs ruled out; set1: ${paired} paired of ${read} read; ` +
      `${metPaired} of ${metRead} ruled-out pairs meeting a prospect made`,
  );
  assert.ok(skipped > 100_000, `${skipped} skipped`);
  assert.ok(paired > 1_000, `${paired} paired of ${read}`);
  assert.ok(metPaired > 0, `${metPaired} prospects met paired`);
});

Deno.test("meetsProspect meets, over every pair of every open recall set, only labelled updates and the listed ones", () => {
  const unlabelled = new Set<string>();
  let labelled = 0;
  for (const name of OPEN_SETS) {
    const memories = loadNamedSet(name).memories;
    memories.forEach((older, i) => {
      if (awaitedHeadsOfText(older.text).length === 0) return;
      for (const newer of memories.slice(i + 1)) {
        if (!meetsProspect(older.text, newer.text)) continue;
        if (newer.supersedes === older.label) labelled++;
        else unlabelled.add(pairKey(name, older, newer));
      }
    });
  }
  // Not vacuous: the sets' own prospects met (sets 2, 4, 9, 11, 19 and 20) are read as met.
  assert.ok(labelled >= 6, `${labelled} labelled prospects met`);
  assert.deepEqual([...unlabelled].sort(), [...UNLABELLED_MET.keys()].sort());
});
