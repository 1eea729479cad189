import assert from "node:assert/strict";
import { knownUsers, MAX_ASKED_USERS, namesToAsk } from "./store_users.ts";
import { SENDER_KEY, senderKeys } from "./user_names.ts";
import { tiedKeys } from "./kind_ties.ts";
import type { CandidateQuery } from "./backend.ts";
import { BACKGROUND, ranked, told, withSqlite } from "./testing/told_memories.ts";
import { input } from "./testing/contract_fixture.ts";

/** A kept exchange, as `exchangeInput` writes it. */
function exchange(sender: string, message: string): string {
  return `${sender} said: ${message}\nAria replied: Noted!`;
}

Deno.test("senderKeys: a kept exchange's sender, each name term once after SENDER_KEY; tiedKeys keeps them", () => {
  assert.equal(SENDER_KEY, "said:");
  assert.deepEqual(senderKeys(exchange("Theo Lindqvist", "hi")), ["said:theo", "said:lindqvist"]);
  assert.deepEqual(senderKeys(exchange("Theo Theo", "hi")), ["said:theo"]);
  // A remark that reports speech is no exchange; nor is a plain fact.
  assert.deepEqual(senderKeys("Dev said: the boiler is fine"), []);
  assert.deepEqual(senderKeys("Theo's dog is called Biscuit"), []);
  // Kept with the kind keys, even where the content has no name-shaped word for a kind.
  assert.deepEqual(tiedKeys(exchange("theo", "hi")), ["said:theo"]);
  assert.ok(tiedKeys(exchange("Theo", "Elmhurst is the care home")).includes("said:theo"));
});

Deno.test("namesToAsk: the question's names, then each candidate's opening name and, for an own thing, its owners; at most MAX_ASKED_USERS", () => {
  assert.equal(MAX_ASKED_USERS, 64);
  const contents = [
    "Theo's dog is called Biscuit",
    "the dog next door is called Pepper",
    "Mum's dog",
  ];
  assert.deepEqual(namesToAsk({ names: ["kav"], contents, ownThings: false }), [
    "kav",
    "theo",
    "mum",
  ]);
  assert.deepEqual(
    namesToAsk({ names: [], contents: ["I walked Maja's dog", ...contents], ownThings: true }),
    ["maja", "theo", "mum"],
  );
  // The persona's own name is never a user's.
  assert.deepEqual(
    namesToAsk({ names: ["aria"], contents, ownThings: false, own: new Set(["aria"]) }),
    ["theo", "mum"],
  );
  // Names of letters only ("Kalab", "Kalac", ...): a hundred distinct openings.
  const letter = (n: number) => String.fromCharCode(97 + n);
  const many = Array.from(
    { length: 100 },
    (_, i) => `Kal${letter(Math.floor(i / 26))}${letter(i % 26)} went`,
  );
  assert.equal(namesToAsk({ names: [], contents: many, ownThings: false }).length, MAX_ASKED_USERS);
  const names = many.map((line) => line.split(" ")[0]!.toLowerCase());
  assert.deepEqual(namesToAsk({ names, contents: [], ownThings: false }), names.slice(0, 64));
});

Deno.test("knownUsers: the store's senders among the names asked, beside the pool's; the asker alone when known", async () => {
  const asked: string[][] = [];
  const backend = {
    tiedKinds: (_query: CandidateQuery, keys: readonly string[]) => {
      asked.push([...keys]);
      return Promise.resolve(new Set(keys.filter((key) => key === "said:theo")));
    },
  };
  const store = { backend, candidateQuery: {} as CandidateQuery };
  const contents = ["Theo's dog is called Biscuit", exchange("Maja", "hi")];
  const users = await knownUsers(
    { names: [], contents, ownThings: true, speakerVoice: true },
    store,
  );
  assert.deepEqual([...users].sort(), ["maja", "theo"]);
  // The pool's sender is not asked again.
  assert.deepEqual(asked, [["said:theo"]]);
  // An asker is the one user: the store is not asked.
  const one = await knownUsers({
    names: [],
    contents,
    ownThings: true,
    speakerVoice: true,
    asker: "Maja",
  }, store);
  assert.deepEqual([...one], ["maja"]);
  assert.equal(asked.length, 1);
  // Ties not known yet: the pool's senders only.
  const unknown = { tiedKinds: () => Promise.resolve(undefined) };
  const pool = await knownUsers({ names: [], contents, ownThings: true, speakerVoice: true }, {
    backend: unknown,
    candidateQuery: {} as CandidateQuery,
  });
  assert.deepEqual([...pool], ["maja"]);
});

Deno.test("knownUsers asks the store only when a reader of users will use the answer", async () => {
  // review44b L1: every search without an asker read the store's senders, used or not.
  let reads = 0;
  const backend = {
    tiedKinds: (_query: CandidateQuery, keys: readonly string[]) => {
      reads++;
      return Promise.resolve(new Set(keys.filter((key) => key === "said:theo")));
    },
  };
  const store = { backend, candidateQuery: {} as CandidateQuery };
  const contents = ["Theo's dog is called Biscuit", exchange("Maja", "hi")];
  const plain = { names: [], contents, ownThings: false, speakerVoice: false };
  // No name asked, no own thing, not the speaker's voice ("what is the dog called?"): the
  // pool's senders only, no read.
  assert.deepEqual([...await knownUsers(plain, store)], ["maja"]);
  assert.equal(reads, 0);
  // Each reader of users asks once: a name, an own thing, the speaker's voice.
  for (
    const asked of [
      { ...plain, names: ["theo"] },
      { ...plain, ownThings: true },
      { ...plain, speakerVoice: true },
    ]
  ) {
    const before: number = reads;
    assert.deepEqual([...await knownUsers(asked, store)].sort(), ["maja", "theo"]);
    assert.equal(reads, before + 1);
  }
});

Deno.test("search reads the store's senders for 'what is my dog called?', not for 'what is the dog called?' (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    await told(fixture, {
      background: BACKGROUND,
      told: [exchange("Theo", "hi there"), "Theo's dog is called Biscuit", "the dog is old"],
    });
    // Count the reads of senders (kind words are read through the same method).
    let senderReads = 0;
    const tiedKinds = fixture.backend.tiedKinds!.bind(fixture.backend);
    fixture.backend.tiedKinds = (query, keys) => {
      if (keys.some((key) => key.startsWith(SENDER_KEY))) senderReads++;
      return tiedKinds(query, keys);
    };
    await ranked(fixture, "what is the dog called?");
    assert.equal(senderReads, 0);
    await ranked(fixture, "what is my dog called?");
    assert.equal(senderReads, 1);
  });
});

/** Lines about other things, enough that a search's pool leaves some of the store out. */
const FILLER = Array.from(
  { length: 60 },
  (_, i) => `The dog show on day ${i + 1} had ${i + 12} entrants in the agility ring.`,
);

Deno.test("'what is my dog called?' ranks a known sender's dog above an ownerless dog, the exchange outside the pool (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    await fixture.memory.store(
      fixture.aria,
      input({ content: exchange("Theo", "can you remind me about the train times on Monday?") }),
    );
    for (const content of FILLER) await fixture.memory.store(fixture.aria, input({ content }));
    const [theo, pepper] = await told(fixture, {
      background: BACKGROUND,
      told: ["Theo's dog is called Biscuit", "the dog next door is called Pepper"],
    });
    const top = await ranked(fixture, "what is my dog called?");
    assert.ok(top.indexOf(theo!) >= 0 && top.indexOf(theo!) < top.indexOf(pepper!), top.join());
  });
});

Deno.test("'what is my dog called?': an owner the store knows as no user still loses to the ownerless dog (real SQLite)", async () => {
  await withSqlite(async (fixture) => {
    await fixture.memory.store(
      fixture.aria,
      input({ content: exchange("Theo", "can you remind me about the train times on Monday?") }),
    );
    for (const content of FILLER) await fixture.memory.store(fixture.aria, input({ content }));
    const [maja, pepper] = await told(fixture, {
      background: BACKGROUND,
      told: ["Maja's dog is called Biscuit", "the dog next door is called Pepper"],
    });
    const top = await ranked(fixture, "what is my dog called?");
    assert.ok(top.indexOf(pepper!) >= 0 && top.indexOf(pepper!) < top.indexOf(maja!), top.join());
  });
});
