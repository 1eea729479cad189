/**
 * Search tests of a value of one thing restated with another and no word of change
 * (`restated_values.ts`, read by `update_pairs.ts`): stored without links, the newer one comes
 * first for a question on that slot, and only there; two that can both be true keep their order.
 */
import assert from "node:assert/strict";
import {
  BACKGROUND,
  type FactThenNewer,
  ranked,
  rankedFactThenNewer,
  told,
  withSqlite,
} from "./testing/told_memories.ts";
import { updateItem } from "./testing/update_items.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import type { AnswerType, Voice } from "./query.ts";

/** A fact, then a newer value of its slot told with no word of change, and a question on it. */
const RESTATED: FactThenNewer[] = [
  {
    fact: "The cataract operation on my left eye is on 12 March at Southampton General.",
    newer: "The cataract operation is on 2 April, same time, same ward.",
    query: "When is my cataract operation?",
  },
  {
    fact: "I'm doing an Open University degree in criminology, second year, one module a year.",
    newer: "Third year of my Open University criminology degree, the essays are brutal.",
    query: "What year of my degree am I in?",
  },
  {
    // Which weekday of the month (`stated_values.ts`), the newer one in no one's voice.
    fact: "Dana and I meet for lunch on the first Friday of the month at the Willow Tearooms.",
    newer: "Lunch with Dana is the last Friday of the month, at the cafe in the park.",
    query: "When do I have lunch with Dana?",
  },
  {
    // An event named by a word of time and its noun (`stated_values.ts`), in no one's voice.
    fact: "Ada's parents' evening is on Tuesday 4 March, we have the 5:40 slot.",
    newer: "Ada's parents' evening got put back to Thursday 13 March, same slot.",
    query: "When is Ada's parents' evening?",
  },
];

for (const memories of RESTATED) {
  Deno.test(`search: a value restated with no word of change comes first: "${memories.query}" (real SQLite)`, async () => {
    const { fact, newer, top } = await rankedFactThenNewer(memories);
    assert.equal(top[0], newer);
    assert.equal(top[1], fact);
  });
}

Deno.test("search: a restated value is no update for a question on another slot (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    const [older] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "I sing alto in the gospel choir, rehearsal is on Wednesday nights at the church.",
        "Choir rehearsal is on Tuesday nights this term.",
      ],
    });
    assert.equal((await ranked(fixture, "What part do I sing in the gospel choir?"))[0], older);
  });
});

/** `findUnlinkedUpdates` over two candidates, alike in meaning, for a query's terms and type. */
function replaced(
  older: { text: string; voice?: Voice },
  newer: { text: string; voice?: Voice },
  query: { terms: string[]; wanted?: AnswerType },
): boolean {
  const first = updateItem("older", older.text, { relevance: 0.8, minute: 1, voice: older.voice });
  const second = updateItem("newer", newer.text, {
    relevance: 0.8,
    minute: 5,
    voice: newer.voice,
  });
  findUnlinkedUpdates([first, second], {
    sameSubject: () => ({ words: 0.5, meaning: 0.5 }),
    compared: 10,
    queryTerms: query.terms,
    wanted: query.wanted,
    linked: () => false,
  });
  return first.replacedBy === second;
}

Deno.test("findUnlinkedUpdates: a value restated replaces, both kinds of one thing do not", () => {
  const swimming = { text: "My swimming lesson is on Mondays." };
  const asked = { terms: ["lesson"], wanted: "time" as const };
  assert.equal(replaced(swimming, { text: "My swimming lesson is on Thursdays." }, asked), true);
  // Two hobbies, one more day, someone else's: both hold.
  assert.equal(replaced(swimming, { text: "My piano lesson is on Thursdays." }, asked), false);
  assert.equal(replaced(swimming, { text: "My lesson is also on Thursdays." }, asked), false);
  assert.equal(
    replaced(swimming, { text: "My daughter's swimming lesson is on Thursdays." }, asked),
    false,
  );
  // Not for a query on another slot.
  assert.equal(
    replaced(swimming, { text: "My swimming lesson is on Thursdays." }, { terms: ["pool"] }),
    false,
  );
});

Deno.test("findUnlinkedUpdates: two values in no one's voice are compared", () => {
  const other = "other" as const;
  assert.equal(
    replaced(
      // No digits: no number a change could reach (`measuringVoice`) brings them in.
      { text: "The cataract operation is on the twelfth of March.", voice: other },
      { text: "The cataract operation is on the second of April, same ward.", voice: other },
      { terms: ["cataract"] },
    ),
    true,
  );
});

Deno.test('search: a date asked for by "when" alone, its thing unsaid by the query (real SQLite)', async () => {
  await withSqlite(async (fixture) => {
    const [older, newer] = await told(fixture, {
      background: BACKGROUND,
      told: [
        "I booked a cruise to the Norwegian fjords on 6 September from Southampton.",
        "The fjords cruise leaves 13 September, seven nights on the Iona.",
      ],
    });
    const hits = await ranked(fixture, "When is my cruise?");
    assert.deepEqual(hits.slice(0, 2), [newer, older]);
  });
});
