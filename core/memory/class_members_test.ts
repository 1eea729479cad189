import assert from "node:assert/strict";
import { askedMembers, memberAspects, memberHeld } from "./class_members.ts";
import { kinOwnersCompared } from "./kin_owners.ts";
import { byCoverage, type Covered } from "./coverage.ts";
import { STEMS_ONLY } from "./meaning/alignment.ts";
import { stem } from "./text.ts";
import { coveredHit as hit, weighted } from "./testing/coverage_hits.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

const stems = (...words: string[]) => new Set(words.map((word) => stem(word)));

Deno.test("a plural class word, or an owned singular, asks about its members", () => {
  assert.equal(askedMembers("where do his siblings live")?.length, 2);
  assert.ok(askedMembers("Tell me about my kids")?.[0]?.has(stem("son")));
  assert.ok(askedMembers("What do I know about my parents?")?.[0]?.has(stem("mum")));
  assert.ok(askedMembers("what's his spouse's job")?.[1]?.has(stem("wife")));
  // A time of life, a count, no class word: no members.
  assert.equal(askedMembers("What surgery did I have as a kid?"), undefined);
  assert.equal(askedMembers("How many children do I have?"), undefined);
  assert.equal(askedMembers("Where does my brother live?"), undefined);
  assert.equal(memberAspects("What car do I drive?"), undefined);
});

Deno.test("a memory holds a member as the persona's relative, not someone else's", () => {
  const query = { member: stems("sister", "sisters"), owners: new Set<string>() };
  assert.ok(memberHeld("My sister Anna lives in Oslo.", query));
  assert.ok(memberHeld("The user's sister Achieng moved to Manchester.", query));
  assert.ok(memberHeld("I have two sisters.", query));
  assert.ok(!memberHeld("My sister's husband is a plumber.", query));
  assert.ok(!memberHeld("My wife's sister lives in Leeds.", query));
  assert.ok(!memberHeld("Akinyi's older sister is getting married.", query));
  assert.ok(!memberHeld("My brother Tom lives in Leeds.", query));
  // The query's own possessive owns the members it asks about.
  assert.ok(memberHeld("Leo's sister plays the cello.", { ...query, owners: new Set(["leo"]) }));
});

Deno.test("coverage: a member none of the first hits holds gets its best holder after the first hit", () => {
  const ranked: Covered[] = [
    hit("My brother Tom lives in Leeds.", 1),
    hit("My brother Tom moved to a flat by the river.", 0.9),
    hit("My wife's sister lives in York.", 0.85),
    hit("Tom's flat has a view of the river.", 0.8),
    hit("Leeds is rainy in November.", 0.7),
    hit("My sister Anna lives in Oslo.", 0.6),
  ];
  const order = (text: string) =>
    byCoverage(ranked, {
      words: weighted("sibling", "live"),
      vectors: STEMS_ONLY,
      aspects: [],
      members: memberAspects(text),
      limit: 5,
    }).map((item) => item.record.content);
  assert.deepEqual(order("Where do my siblings live?").slice(0, 2), [
    "My brother Tom lives in Leeds.",
    "My sister Anna lives in Oslo.",
  ]);
  // A query about one relative keeps its ranking.
  assert.deepEqual(
    order("Where does my brother live?"),
    ranked.slice(0, 5).map((item) => item.record.content),
  );
});

Deno.test("coverage: a member's holder answers though ranking marked it down, never when replaced", () => {
  const first = hit("Hanna and I went out for dinner without the kids.", 1);
  const others = [0.95, 0.9, 0.85, 0.8].map((score) =>
    hit(`The kids made a mess of the kitchen at ${score}.`, score)
  );
  // Told with "our": ranking took a fifth of its score off (another voice); it still says whose.
  const daughter = {
    ...hit("Our daughter Mila started kindergarten.", 0.48),
    relevance: 0.6,
    recency: 0,
  };
  const son = hit("My son Jasper builds Lego spaceships.", 0.45, { superseded_by: "newer" });
  const order = byCoverage([first, ...others, daughter, son], {
    words: weighted("kid"),
    vectors: STEMS_ONLY,
    aspects: [],
    members: memberAspects("Tell me about my kids"),
    limit: 5,
  }).map((item) => item.record.content);
  assert.equal(order[1], "Our daughter Mila started kindergarten.");
  assert.ok(!order.includes("My son Jasper builds Lego spaceships."));
});

Deno.test("search: a class query gets each member's memory in the top hits", async () => {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (
      const content of [
        "My brother Tom lives in Leeds with his two dogs.",
        "My brother Tom moved to a bigger flat in Leeds last spring.",
        "My brother Tom and I lived together as students in Leeds.",
        "My brother Tom lives close to the football ground.",
        "My brother Tom still lives in the street where we grew up.",
        "The bakery on our street sells the best bread.",
        "I walk to work along the canal.",
      ]
    ) await fixture.memory.store(fixture.aria, input({ content }));
    const sister = await fixture.memory.store(
      fixture.aria,
      input({ content: "My sister Anna settled in Oslo after her degree." }),
    );
    const hits = await fixture.memory.search(fixture.aria, {
      query: "Where do my siblings live?",
      n_results: 3,
      min_importance: 0,
    });
    assert.ok(
      hits.some((item) => item.id === sister.id),
      hits.map((item) => item.content).join(" | "),
    );
    // A question about one of them keeps its ranking: the brother's memories first.
    const brother = await fixture.memory.search(fixture.aria, {
      query: "Where does my brother live?",
      n_results: 3,
      min_importance: 0,
    });
    assert.ok(brother.every((item) => item.content.startsWith("My brother")));
  } finally {
    await fixture.close();
  }
});

Deno.test("every part of a hyphened kin word counts; in-laws, titles and brands are no members (review45 R4)", () => {
  const none = new Set<string>();
  const mother = { member: stems("mother", "mum", "mom"), owners: none };
  const brother = { member: stems("brother", "brothers"), owners: none };
  const sister = { member: stems("sister", "sisters"), owners: none };
  assert.ok(!memberHeld("My mother-in-law is 80 this year.", mother));
  assert.ok(!memberHeld("My brother-in-law fixed the fence.", brother));
  assert.ok(!memberHeld("My Brother printer jammed again.", brother));
  assert.ok(!memberHeld("Sister Mary taught me at primary school.", sister));
  assert.ok(!memberHeld("We met Brother Anselm at the abbey.", brother));
  assert.ok(memberHeld("My half-brother Dan lives in Leeds.", brother));
  assert.ok(memberHeld("My step-sister moved to Hull.", sister));
  assert.ok(memberHeld("My stepmother grows tomatoes.", mother));
  assert.ok(memberHeld("My brother Felix lives in Berlin.", brother));
  assert.ok(memberHeld("Brother is coming round later.", brother));
});

/** "where do my parents live" over `told`, stored a minute apart (real SQLite): the top 5. */
async function parentsSearched(told: readonly string[]) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  try {
    for (const content of told) {
      fixture.clock.advance(60_000);
      await fixture.memory.store(fixture.aria, input({ content }));
    }
    const hits = await fixture.memory.search(fixture.aria, {
      query: "where do my parents live",
      n_results: 5,
      min_importance: 0,
    });
    return { contents: hits.map((hit) => hit.content), scores: hits.map((hit) => hit.score) };
  } finally {
    await fixture.close();
  }
}

Deno.test("search: a mother-in-law is not moved up as the missing parent (real SQLite)", async () => {
  const { contents, scores } = await parentsSearched([
    "My dad lives in Stockport with his partner Jan",
    "My dad is a retired plumber who lives for golf",
    "Dad rings me every Sunday from his house in Stockport",
    "My dad's flat in Stockport has a lovely garden",
    "My dad and Jan live near the canal",
    "Dad's been living in Stockport for ten years",
    "My mother-in-law makes a great Sunday roast",
  ]);
  // Without a move the hits keep their scores' order: the in-law is no mother's aspect.
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), contents.join(" | "));
});

Deno.test("someone else's relative as texted is no member: a name in s, a friend's, his/her/their (review46 R4)", () => {
  const none = new Set<string>();
  const mother = { member: stems("mother", "mum", "mom"), owners: none };
  const named = (...names: string[]) => ({ ...mother, names: () => new Set(names) });
  const grandmother = { member: stems("grandmother", "nan", "gran"), owners: none };
  // A word in "s" the memories write as a name, or capitalised inside a sentence.
  assert.ok(!memberHeld("leahs mum lives in Leeds", named("leah")));
  assert.ok(!memberHeld("jess mum lives in Leeds", named("jess")));
  assert.ok(!memberHeld("We went round to Leahs mum for tea", mother));
  assert.ok(
    !memberHeld("leahs nan lives in Gorton", { ...grandmother, names: () => new Set(["leah"]) }),
  );
  // A person who is no relative, after "my" too, misspelt too.
  assert.ok(!memberHeld("my friends mum lives in Leeds", mother));
  assert.ok(!memberHeld("My freinds mum lives in Leeds", mother));
  assert.ok(!memberHeld("my mates mum drove us home", mother));
  assert.ok(!memberHeld("my bosses wife is a vet", { member: stems("wife"), owners: none }));
  // Someone else's pronoun; "thier" is "their" misspelt.
  assert.ok(!memberHeld("his mum lives in Leeds", mother));
  assert.ok(!memberHeld("Leah and her mum live in Leeds", mother));
  assert.ok(!memberHeld("Sam came round with his mum, she lives in Leeds", mother));
  assert.ok(!memberHeld("thier mum lives in Leeds", mother));
  // ... unless the query asks about that owner ("where do his parents live").
  assert.ok(memberHeld("his mum lives in Leeds", { ...mother, owners: new Set(["his"]) }));
  assert.ok(
    memberHeld("my friends mum lives in Leeds", { ...mother, owners: new Set(["friend"]) }),
  );
  // The persona's own stays: mine, ours, alone, an adjective in "s", a relative's, the user's voice.
  assert.ok(!memberHeld("Jess' mum lives in Leeds", mother));
  assert.ok(memberHeld("My mum lives in Leeds", mother));
  assert.ok(memberHeld("our mum lives in Leeds", named("leah")));
  assert.ok(memberHeld("mum lives in Leeds", mother));
  assert.ok(
    memberHeld("leahs mum lives in Leeds", mother),
    "no name written: may be anyone's word",
  );
  assert.ok(memberHeld("my famous mum was on the telly", mother));
  assert.ok(memberHeld("User plans to visit his mum in Leeds", mother));
});

Deno.test("the query's own owner asks about its members: his, a friend's, a name in s", () => {
  const ranked = [
    "his mum lives in Leeds",
    "my friends mum lives in Leeds",
    "leahs mum lives in Leeds",
  ]
    .map((content, at) => hit(content, 1 - at / 10));
  const held = (query: string) => {
    const at = memberAspects(query)!.heldBy(ranked);
    return ranked.map((_, i) => at(i)[0]);
  };
  assert.deepEqual(held("where do my parents live"), [false, false, true]);
  assert.deepEqual(held("where do his parents live"), [true, false, true]);
  assert.deepEqual(held("where do my friends parents live"), [false, true, true]);
  assert.deepEqual(held("where do leahs parents live"), [false, false, true]);
});

for (
  const other of [
    "leahs mum lives in Leeds",
    "my friends mum lives in Leeds",
    "his mum lives in Leeds",
  ]
) {
  Deno.test(`search: "${other}" is not moved up as the user's mother (real SQLite, review46 R4)`, async () => {
    const { contents, scores } = await parentsSearched([
      "My dad lives in Bolton near the golf club",
      "My dad lives in Bolton and still drives",
      "My dad lives in Bolton with his dog",
      "My dad lives in Bolton",
      "Went to the Trafford Centre with Leah",
      other,
    ]);
    // Without a move the hits keep their scores' order, and the other's mum is not second.
    const shown = contents.join(" | ");
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), shown);
    assert.notEqual(contents[1], other, shown);
  });
}

Deno.test("memberHeld looks each member word's owner up by its offset (attack34 A2)", () => {
  const mother = askedMembers("where do my parents live")![0]!;
  const query = { member: mother, owners: new Set<string>() };
  // Each "mum" is his: every one is read, none is the persona's.
  const content = "his mum ".repeat(1_250).trim();
  const before = kinOwnersCompared();
  assert.equal(memberHeld(content, query), false);
  const compared = kinOwnersCompared() - before;
  // A binary search of 1,250 offsets and the word found: ~12 a member word. Looking each up
  // from the text's first family word compared ~780,000.
  assert.ok(compared <= 1_250 * 13, `${compared} family words compared`);
  // The right word is found among others: the persona's mum after theirs.
  assert.equal(memberHeld(`${"her mum ".repeat(300)}and my mum`, query), true);
  assert.equal(memberHeld(`my mum and ${"her mum ".repeat(300)}`, query), true);
  assert.equal(memberHeld(`her dad and her mum, my dad`, query), false);
});
