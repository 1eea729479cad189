/**
 * Rankings on real SQLite of the family readings `family_word_reading.ts` refuses (review41b
 * findings 1-3): a day, a nationality, someone else's relative or a common word read as a
 * relative's name raised unrelated memories above a real relative's line.
 */
import assert from "node:assert/strict";
import { ranked, told, withSqlite } from "./testing/told_memories.ts";

/** Where `memory` ranks for `query` among `memories` (-1: not in the top 5). */
async function rankOf(memories: string[], query: string, wanted: string[]): Promise<number[]> {
  let places: number[] = [];
  await withSqlite(async (fixture) => {
    const ids = await told(fixture, { background: [], told: memories });
    const top = await ranked(fixture, query);
    places = wanted.map((memory) => top.indexOf(ids[memories.indexOf(memory)]!));
  });
  return places;
}

const TRAFFIC = "Traffic on the ring road was terrible this morning.";

Deno.test("a family question: a weekday read as the mum's name no longer lifts 'Tuesday' lines above a relative's", async () => {
  const [van, yoga] = await rankOf(
    [
      "We saw Jonah's mum Tuesday at the market",
      "Bins go out on Tuesday night",
      "Tuesday is my yoga class",
      "Jonah's family moved to Hull in 2019",
      "Jonah's brother Aaron is a plumber",
      "Aaron's van got stolen",
      TRAFFIC,
    ],
    "how's Jonah's family doing?",
    ["Aaron's van got stolen", "Tuesday is my yoga class"],
  );
  assert.ok(van! >= 0 && (yoga === -1 || yoga! > van!), `van ${van}, yoga ${yoga}`);
});

Deno.test("a family question: a nationality after 'is' bridges no language lesson", async () => {
  const [hip, lesson] = await rankOf(
    [
      "Colleen's sister is Polish",
      "I need shoe polish for the interview",
      "I'm learning Polish on Duolingo",
      "Colleen's family are all coming for Christmas",
      "Colleen's mum Brenda makes great trifle",
      "Brenda broke her hip in March",
      TRAFFIC,
    ],
    "What is Colleen's family like?",
    ["Brenda broke her hip in March", "I'm learning Polish on Duolingo"],
  );
  assert.ok(hip! >= 0 && lesson === -1, `hip ${hip}, lesson ${lesson}`);
});

Deno.test("a family question: the boss's son is not the owner's relative", async () => {
  const [anna, kai] = await rankOf(
    [
      "Jonah's boss's son Kai started at Leeds uni",
      "Kai crashed his car into a lamppost",
      "Jonah's sister Anna is a vet",
      "Anna's cat had kittens",
      "Jonah's family live in Hull",
      TRAFFIC,
    ],
    "what's new with Jonah's family?",
    ["Anna's cat had kittens", "Kai crashed his car into a lamppost"],
  );
  assert.ok(anna! >= 0 && kai === -1, `anna ${anna}, kai ${kai}`);
});

Deno.test("a family question: a relative named by a common word bridges only where it is written as a name", async () => {
  const [arm, novel] = await rankOf(
    [
      "Jonah's daughter Summer is starting school",
      "Jonah's son Hunter plays rugby",
      "Summer holidays in Spain were too hot",
      "The hunter in the novel was the murderer",
      "Jonah's family live in Hull",
      "Hunter broke his arm at rugby",
      "Summer's teacher says she reads well",
      TRAFFIC,
    ],
    "how's Jonah's family?",
    ["Hunter broke his arm at rugby", "The hunter in the novel was the murderer"],
  );
  assert.ok(arm! >= 0 && novel === -1, `arm ${arm}, novel ${novel}`);
});
