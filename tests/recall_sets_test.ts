/**
 * The hand-written recall sets of `deno task bench:recall` (`tests/bench/recall/`, `set2/`,
 * `set3/`, the updates-only `set4/`, `set5/` of synonyms, paraphrases and forms, `set6/` of
 * four kinds of persona, `set7/`, a companion app's user in her own words, and `set8/`, a
 * night-shift nurse, written plainly, `set9/`, a family of three voices, `set10/`, a piano
 * technician in her casual chat voice, `set11/`, a companion memory layer's third-person
 * extracted facts about a Nairobi engineer, and `set12/`, a Manchester rider and DJ who texts in
 * lowercase slang and abbreviations, `set13/`, a Portuguese-born retired marine engineer who
 * types with slips: swapped, missing or doubled letters, homophones, split words, `set14/`, a
 * Nigerian-British train conductor in Leeds who rambles: long story-like messages, several things
 * each, the fact mid-sentence, `set15/`, a Polish warehouse worker in Dublin whose English has
 * grammar slips and idioms put word for word into English, and `set16/`, a retired Glasgow nurse
 * texting short unpunctuated lines in Scots with abbreviations, and `set17/`, a Winnipeg truck driver
 * who dictates: speech-to-text transcripts with numbers as words, wrong homophones and mis-heard
 * names, and `set18/`, a Bristol quantity surveyor who keeps terse notes: fragments, key: value
 * lines, arrows, abbreviations, dates, amounts and tags, and `set19/`, a Loughborough carer and parent
 * whose memories are mostly about other people: her father, children, aunt, sister, neighbours and
 * colleagues, by name, by relation or by a pronoun, and `set20/`, memories a companion persona kept from
 * conversations: exchanges with its own replies and questions, corrections and two-turn facts) are well formed: every label a query names exists, updates name the fact
 * they replace, each set has the sizes issue 9 asks for, and a `synonym` query shares no content word with its memory (else it
 * measures something easier than it claims).
 */
import assert from "node:assert/strict";
import {
  isHeldOut,
  KINDS,
  loadNamedSet,
  loadRecallSet,
  type RecallSet,
  refuseHeldOut,
} from "./bench/recall/_set.ts";
import { terms } from "../core/memory/text.ts";

const SETS = [
  "",
  "set2",
  "set3",
  "set6",
  "set7",
  "set8",
  "set9",
  "set10",
  "set11",
  "set12",
  "set13",
  "set14",
  "set15",
  "set16",
  "set17",
  "set18",
  "set19",
  "set20",
];

for (const name of SETS) {
  Deno.test(`recall set ${name || "set1"} is well formed`, () => {
    const set = loadRecallSet(new URL(`./bench/recall/${name ? `${name}/` : ""}`, import.meta.url));
    const byLabel = new Map(set.memories.map((memory) => [memory.label, memory]));
    assert.equal(byLabel.size, set.memories.length, "labels are unique");
    const texts = new Set(set.memories.map((memory) => memory.text.toLowerCase()));
    assert.equal(texts.size, set.memories.length, "no memory is stored twice");
    const facts = set.memories.filter((memory) => /^f\d+$/.test(memory.label));
    const updates = set.memories.filter((memory) => memory.supersedes !== undefined);
    const distractors = set.memories.filter((memory) => /^d\d+$/.test(memory.label));
    assert.ok(facts.length >= 80, `${facts.length} facts`);
    assert.ok(updates.length >= 10, `${updates.length} updates`);
    assert.ok(distractors.length >= 200, `${distractors.length} distractors`);
    assert.ok(set.queries.length >= 120, `${set.queries.length} queries`);
    for (const update of updates) {
      assert.ok(byLabel.has(update.supersedes!), `${update.label} replaces a stored fact`);
    }
    for (const kind of KINDS) {
      assert.ok(set.queries.some((query) => query.kind === kind), `some ${kind} query`);
    }
    for (const query of set.queries) {
      assert.ok(KINDS.includes(query.kind), `kind of "${query.text}"`);
      assert.ok(query.half === "a" || query.half === "b", `half of "${query.text}"`);
      assert.ok(query.expect.length > 0, `"${query.text}" expects something`);
      for (const label of query.expect) {
        assert.ok(byLabel.has(label), `"${query.text}" expects ${label}, which exists`);
        assert.ok(!label.startsWith("d"), `"${query.text}" expects a fact, not ${label}`);
      }
      if (query.kind === "update") {
        assert.equal(query.expect.length, 1, `"${query.text}" expects one newer fact`);
        assert.equal(byLabel.get(query.expect[0]!)?.supersedes, query.older, query.text);
      }
      if (query.kind === "multi") assert.ok(query.expect.length >= 2, query.text);
      if (query.kind === "synonym") {
        const own = new Set(terms(byLabel.get(query.expect[0]!)!.text));
        const shared = terms(query.text).filter((term) => own.has(term));
        assert.deepEqual(shared, [], `"${query.text}" shares no content word`);
      }
    }
  });
}

Deno.test("recall set set4 (updates) is well formed", () => {
  const set = loadRecallSet(new URL("./bench/recall/set4/", import.meta.url));
  const byLabel = new Map(set.memories.map((memory) => [memory.label, memory]));
  assert.equal(byLabel.size, set.memories.length, "labels are unique");
  const texts = new Set(set.memories.map((memory) => memory.text.toLowerCase()));
  assert.equal(texts.size, set.memories.length, "no memory is stored twice");
  const updates = set.memories.filter((memory) => memory.supersedes !== undefined);
  const distractors = set.memories.filter((memory) => /^d\d+$/.test(memory.label));
  assert.ok(updates.length >= 40, `${updates.length} updates`);
  assert.ok(distractors.length >= 100, `${distractors.length} distractors`);
  for (const update of updates) {
    assert.ok(byLabel.has(update.supersedes!), `${update.label} replaces a stored fact`);
    const asked = set.queries.filter((query) => query.expect[0] === update.label);
    assert.equal(asked.length, 3, `${update.label}: old wording, new wording, neutral`);
  }
  for (const query of set.queries) {
    assert.equal(query.kind, "update", query.text);
    assert.ok(query.half === "a" || query.half === "b", `half of "${query.text}"`);
    assert.deepEqual(query.expect.length, 1, query.text);
    assert.equal(byLabel.get(query.expect[0]!)?.supersedes, query.older, query.text);
  }
});

Deno.test("recall set set5 (synonyms, paraphrases, forms) is well formed", () => {
  const set = loadRecallSet(new URL("./bench/recall/set5/", import.meta.url));
  const byLabel = new Map(set.memories.map((memory) => [memory.label, memory]));
  assert.equal(byLabel.size, set.memories.length, "labels are unique");
  const texts = new Set(set.memories.map((memory) => memory.text.toLowerCase()));
  assert.equal(texts.size, set.memories.length, "no memory is stored twice");
  const facts = set.memories.filter((memory) => /^f\d+$/.test(memory.label));
  const distractors = set.memories.filter((memory) => /^d\d+$/.test(memory.label));
  assert.ok(facts.length >= 60, `${facts.length} facts`);
  assert.ok(distractors.length >= 150, `${distractors.length} distractors`);
  for (const half of ["a", "b"]) {
    const synonyms = set.queries.filter((query) => query.kind === "synonym" && query.half === half);
    assert.ok(synonyms.length >= 30, `${synonyms.length} synonym queries in half ${half}`);
  }
  for (const query of set.queries) {
    assert.ok(["synonym", "paraphrase", "forms"].includes(query.kind), query.text);
    assert.equal(query.expect.length, 1, query.text);
    const fact = byLabel.get(query.expect[0]!);
    assert.ok(fact !== undefined && /^f\d+$/.test(fact.label), `"${query.text}" expects a fact`);
    const factNumber = Number(fact.label.slice(1));
    assert.equal(query.half, factNumber <= 30 ? "a" : "b", `half of "${query.text}"`);
    if (query.kind === "synonym") {
      const own = new Set(terms(fact.text));
      const shared = terms(query.text).filter((term) => own.has(term));
      assert.deepEqual(shared, [], `"${query.text}" shares no content word`);
    }
  }
});

Deno.test("recall set set6 (four personas) has every kind in both halves", () => {
  const set = loadRecallSet(new URL("./bench/recall/set6/", import.meta.url));
  const updates = set.memories.filter((memory) => memory.supersedes !== undefined);
  assert.ok(updates.length >= 15, `${updates.length} updates`);
  for (const kind of KINDS) {
    const ofKind = set.queries.filter((query) => query.kind === kind);
    assert.ok(ofKind.length >= 15, `${ofKind.length} ${kind} queries`);
    for (const half of ["a", "b"]) {
      assert.ok(ofKind.some((query) => query.half === half), `${kind} in half ${half}`);
    }
  }
  for (const query of set.queries.filter((query) => query.kind === "multi")) {
    assert.ok(query.expect.length <= 4, `"${query.text}" expects 2 to 4 facts`);
  }
  // Halves do not share facts: f01-f40 and u01-u08 are half a, the rest half b.
  const halfOf = (label: string) =>
    Number(label.slice(1)) <= (label.startsWith("u") ? 8 : 40) ? "a" : "b";
  for (const query of set.queries) {
    for (const label of query.expect) assert.equal(halfOf(label), query.half, query.text);
  }
});

Deno.test("recall set set10 (one casual voice) has its updates and 10 queries of each kind per half", () => {
  const set = loadRecallSet(new URL("./bench/recall/set10/", import.meta.url));
  const updates = set.memories.filter((memory) => memory.supersedes !== undefined);
  assert.ok(updates.length >= 12, `${updates.length} updates`);
  for (const kind of KINDS) {
    for (const half of ["a", "b"]) {
      const ofKind = set.queries.filter((query) => query.kind === kind && query.half === half);
      assert.equal(ofKind.length, 10, `${kind} queries in half ${half}`);
    }
  }
  // Every update is asked about: its newer fact expected first over the one it replaces.
  for (const update of updates) {
    assert.ok(set.queries.some((query) => query.expect[0] === update.label), update.label);
  }
});

// Sets 11 to 19 were written to the same sizes: 84 facts, 15 updates (7 stated plainly),
// 210 distractors, 20 queries of each kind (10 in half a, then 10 in half b).
const SIZED_SETS = [
  ["set11", "a memory layer's extracted facts"],
  ["set12", "a user who texts"],
  ["set13", "a user who makes typos"],
  ["set14", "a user who rambles"],
  ["set15", "a user with grammar slips"],
  ["set16", "a user who texts in Scots"],
  ["set17", "a user who dictates"],
  ["set18", "a user who keeps notes"],
  ["set19", "a carer who talks about other people"],
  ["set20", "memories kept from conversations"],
];

for (const [name, voice] of SIZED_SETS) {
  Deno.test(`recall set ${name} (${voice}) has its sizes, updates and halves`, () => {
    checkSizes(loadRecallSet(new URL(`./bench/recall/${name}/`, import.meta.url)));
  });
}

/** A word saying that a fact changed: an update without one states the new state plainly. */
const CHANGE_WORD =
  /\b(now|new|changed?|switched|moved|started|stopped|quit|instead|no longer|cleared|raised|died|not the)\b/i;

// Session 34's brief for set 15 asked more than set 11's sizes: 250 distractors, and at least half
// of the updates (but not all) without a word of change, so that a ranking leaning on such words
// cannot pass the updates. Session 35's brief asked the same of set 16, and a several-facts file;
// session 36's of set 17, with 300 distractors, and session 37's of set 18, session 38's of set 19,
// session 39's of set 20.
for (
  const [name, least] of [
    ["set15", 250],
    ["set16", 250],
    ["set17", 300],
    ["set18", 300],
    ["set19", 300],
    ["set20", 300],
  ] as const
) {
  Deno.test(`recall set ${name} has ${least} distractors and at least half its updates plain`, () => {
    const set = loadRecallSet(new URL(`./bench/recall/${name}/`, import.meta.url));
    const distractors = set.memories.filter(({ label }) => /^d\d+$/.test(label));
    assert.ok(distractors.length >= least, `${distractors.length} distractors`);
    const updates = set.memories.filter((memory) => memory.supersedes !== undefined);
    const plain = updates.filter((update) => !CHANGE_WORD.test(update.text));
    assert.ok(plain.length * 2 >= updates.length, `${plain.length} of ${updates.length} plain`);
    assert.ok(plain.length < updates.length, "some updates say that something changed");
    const multi = new URL(`./bench/recall/multi/${name}.json`, import.meta.url);
    assert.ok(Deno.statSync(multi).isFile, `multi/${name}.json`);
  });
}

// The several-facts questions of `multi/` join their set's memories (`loadNamedSet`): each must
// name 2 to 4 of that set's facts or updates, none twice, and ask something its set does not.
for (const entry of Deno.readDirSync(new URL("./bench/recall/multi/", import.meta.url))) {
  const name = entry.name.replace(/\.json$/, "");
  if (!entry.isFile || name === entry.name || isHeldOut(name)) continue;
  Deno.test(`several-facts questions multi/${entry.name} are well formed`, () => {
    const set = loadNamedSet(`multi-${name}`);
    const own = loadNamedSet(name);
    const labels = new Set(set.memories.map(({ label }) => label));
    const asked = new Set(own.queries.map((query) => query.text.toLowerCase()));
    assert.ok(set.queries.length >= 10, `${set.queries.length} questions`);
    for (const query of set.queries) {
      assert.equal(query.kind, "multi", query.text);
      assert.ok(query.expect.length >= 2 && query.expect.length <= 4, query.text);
      assert.equal(
        new Set(query.expect).size,
        query.expect.length,
        `"${query.text}": no label twice`,
      );
      for (const label of query.expect) {
        assert.ok(labels.has(label) && !label.startsWith("d"), `"${query.text}": ${label}`);
      }
      assert.ok(!asked.has(query.text.toLowerCase()), `"${query.text}" is asked by ${name} too`);
    }
  });
}

/** Throws unless `set` has set 11's sizes, plainly stated updates, halves and asked updates. */
function checkSizes(set: RecallSet): void {
  const count = (pattern: RegExp) => set.memories.filter(({ label }) => pattern.test(label)).length;
  assert.ok(count(/^f\d+$/) >= 84, `${count(/^f\d+$/)} facts`);
  assert.ok(count(/^d\d+$/) >= 210, `${count(/^d\d+$/)} distractors`);
  const updates = set.memories.filter((memory) => memory.supersedes !== undefined);
  assert.ok(updates.length >= 15, `${updates.length} updates`);
  // At least 7 updates state the new state plainly, with no word saying it changed.
  const plain = updates.filter((update) => !CHANGE_WORD.test(update.text));
  assert.ok(plain.length >= 7, `${plain.length} updates without a word of change`);
  for (const kind of KINDS) {
    const ofKind = set.queries.filter((query) => query.kind === kind);
    assert.deepEqual(
      ofKind.map((query) => query.half),
      [...Array(20)].map((_, i) => i < 10 ? "a" : "b"),
      kind,
    );
  }
  for (const query of set.queries.filter((query) => query.kind === "multi")) {
    assert.ok(query.expect.length <= 3, `"${query.text}" expects 2 to 3 memories`);
  }
  for (const update of updates) {
    assert.ok(set.queries.some((query) => query.expect[0] === update.label), update.label);
  }
}

// Set 20 keeps what a persona server stores after a chat turn ("Theo said: ...\nJuno replied: ...",
// `exchangeInput`): its distractors are such exchanges too, one a line of the file with the line
// break written as a backslash and an n, which the loader reads back as the break.
Deno.test("recall set set20 keeps exchanges in the shape the server stores them", () => {
  const set = loadRecallSet(new URL("./bench/recall/set20/", import.meta.url));
  const exchange = /^Theo said: [^\n]+\nJuno replied: [^\n]+$/;
  const kept = (pattern: RegExp) => set.memories.filter(({ label }) => pattern.test(label));
  for (const group of [/^f\d+$/, /^u\d+$/, /^d\d+$/]) {
    const exchanges = kept(group).filter(({ text }) => exchange.test(text));
    assert.ok(
      exchanges.length * 4 >= kept(group).length,
      `${group}: ${exchanges.length} exchanges`,
    );
  }
  for (const { label, text } of set.memories) {
    assert.ok(!text.includes("\\n"), `${label} holds no unread backslash-n`);
  }
});

Deno.test("a held-out set's misses are refused however its name is written", () => {
  const ways = [
    "set3",
    "./set3",
    "set3/",
    "set2/../set3",
    "/any/where/set7",
    "%73et8",
    "multi-set3",
  ];
  for (const name of ways) assert.throws(() => refuseHeldOut([name]), /held out/, name);
  refuseHeldOut(["set1", "set2", "./set6/", "multi-set1", "set33"]);
});
