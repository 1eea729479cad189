import assert from "node:assert/strict";
import { endsFact } from "./ending_events.ts";
import { movedAway } from "./moved_home.ts";
import { type Item, updateItem } from "./testing/update_items.ts";
import type { Contender } from "./update_contenders.ts";
import { actsOnOlder, endsOf, tellsChangeOf } from "./update_pair_reads.ts";
import { ENDING_KIND, MOVE_KIND } from "./update_kinds.ts";

/** A contender of `content` whose text may tell the update kinds `kinds`. */
function contender(content: string, kinds: number): Contender<Item> {
  return {
    item: updateItem(content, content, { relevance: 1, minute: 1 }),
    share: 1,
    kinds,
    // endsOf reads no voice of its own: the older one's comes as its `olderVoiced`.
    voiced: false,
    text: content,
    telling: undefined,
    names: undefined,
    numbers: undefined,
    reached: undefined,
  };
}

Deno.test("endsOf reads an ending or a move only of a newer text that may tell one, of an older one in a compared voice", () => {
  const pairs = [
    {
      older: "Our tortoise Shelly is ninety.",
      newer: "Shelly died peacefully last week.",
      kind: ENDING_KIND,
    },
    { older: "Dad lives in Sheffield.", newer: "Dad moved to Leeds in May.", kind: MOVE_KIND },
  ];
  for (const { older, newer, kind } of pairs) {
    // The readings themselves say yes: only the kinds and the voice decide below.
    assert.ok(kind === ENDING_KIND ? endsFact(older, newer) : movedAway(older, newer), newer);
    const ends = (kinds: number, olderVoiced: boolean) =>
      endsOf({
        older: contender(older, 0),
        newer: contender(newer, kinds),
        olderVoiced,
      });
    assert.equal(ends(kind, true), true, newer);
    assert.equal(ends(kind, false), false, `${newer}: the older one in another voice`);
    assert.equal(ends(0, true), false, `${newer}: no update kind told`);
  }
});

Deno.test("tellsChangeOf: a change word the older text does not say itself tells a change of it", () => {
  assert.ok(tellsChangeOf("I work at Tesco", "I switched jobs, I work at Aldi now"));
  // A change the older text told too, to somewhere else: the next link of a chain.
  assert.ok(tellsChangeOf("I changed gyms to FitLife", "I changed gyms to IronWorks"));
});

Deno.test("tellsChangeOf: a change word the older text says but does not tell as a change is no link of a chain", () => {
  // "move" and "switch" are nouns of the older texts: their change words (none) decide, not
  // the newer one's own, which always holds the word.
  assert.ok(
    !tellsChangeOf("The move to Leeds was stressful for my car", "I moved my car to Leeds"),
  );
  assert.ok(!tellsChangeOf("My switch to the bakery shift pattern", "I switched bakery shifts"));
});

Deno.test("actsOnOlder: a change of the older text's thing by the same untold speaker, or of its opening subject", () => {
  const acts = (older: string, newer: string) =>
    actsOnOlder(contender(older, 0), contender(newer, 0));
  // No name shared: both open with a verb in the past, their speaker left out.
  assert.ok(acts("Joined the climbing gym in March", "Quit the climbing gym"));
  // "holiday" right before the change is the subject the older text opens with, not the newer.
  assert.ok(
    acts(
      "holiday to ibiza booked for august",
      "we argued a lot, then the holiday changed to malaga",
    ),
  );
});
