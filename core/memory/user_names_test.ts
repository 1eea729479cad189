import assert from "node:assert/strict";
import {
  exchangeSender,
  opensWithUser,
  SENDER_LIMIT,
  storeUsers,
  userVoices,
} from "./user_names.ts";
import { rankedAfter } from "./testing/ranked_after.ts";
import { input, type MemoryFixture, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";

/** An exchange in the shape `exchangeInput` keeps. */
const exchange = (sender: string, message: string) =>
  `${sender} said: ${message}\nJuno replied: Noted!`;

Deno.test("recall77: an exchange's sender is read from the kept shape, a reported remark has none", () => {
  assert.equal(exchangeSender(exchange("Theo", "off to climb")), "Theo");
  assert.equal(exchangeSender(exchange("Theo Lindqvist", "hi")), "Theo Lindqvist");
  // No reply line: someone's words reported, not an exchange the server kept.
  assert.equal(exchangeSender("Dev said: the offer went in"), undefined);
  // The sender is on the first line and at most SENDER_LIMIT characters long.
  assert.equal(exchangeSender(exchange("x".repeat(SENDER_LIMIT), "hi")), "x".repeat(SENDER_LIMIT));
  assert.equal(exchangeSender(exchange("x".repeat(SENDER_LIMIT + 1), "hi")), undefined);
  assert.equal(exchangeSender("A note\nTheo said: hi\nJuno replied: ok"), undefined);
});

Deno.test("recall77: the store's users are every sender among the contents, or the asker alone", () => {
  const contents = [exchange("Theo", "hi"), exchange("Maja", "hey"), "Dev takes the bus"];
  assert.deepEqual([...storeUsers(contents)].sort(), ["maja", "theo"]);
  assert.deepEqual([...storeUsers(contents, { asker: "Maja" })], ["maja"]);
  // The persona's own name is never a user's; a function word ("I", "The") names no one.
  assert.deepEqual([...storeUsers(contents, { own: new Set(["theo"]) })], ["maja"]);
  assert.deepEqual([...storeUsers([exchange("The I", "hi")])], []);
});

Deno.test("recall77: a fact opening with a user's name is the user's; others', exchanges and lower case inside capitals are not", () => {
  const users = new Set(["theo"]);
  assert.equal(opensWithUser("Theo takes sertraline 50mg", users), true);
  assert.equal(opensWithUser("Theo's running shoes are Brooks Ghost", users), true);
  assert.equal(opensWithUser("theo’s shoes are brooks", users), true);
  assert.equal(opensWithUser("Dev takes propranolol", users), false);
  assert.equal(opensWithUser("Dev and Theo went climbing", users), false);
  assert.equal(opensWithUser("theo takes it, said Dev", users), false);
  assert.equal(opensWithUser(exchange("Theo", "sertraline again"), users), false);
  assert.equal(opensWithUser("Theo takes sertraline", new Set()), false);
  const records = [
    { record: { id: "a", content: "Theo takes sertraline 50mg" } },
    { record: { id: "b", content: "Theo said I take sertraline" } },
    { record: { id: "c", content: "Dev takes propranolol" } },
    { record: { id: "d", content: "Theo's dad lives in Hathersage" } },
  ];
  // "b" is in the speaker's voice already; an id already voiced keeps its voice.
  const voices = userVoices(records, users, new Map([["d", "group" as const]]));
  assert.deepEqual([...voices].sort(), [["a", "self"], ["d", "group"]]);
});

const THEO_SAID = exchange("Theo", "what film should we watch tonight?");

Deno.test("recall77 search: a fact naming the store's user answers the user's first-person question (real SQLite)", async () => {
  const told = [
    THEO_SAID,
    "Theo takes sertraline 50mg every morning for his anxiety.",
    "Dev takes propranolol before gigs for his stage anxiety.",
    "I take the tram when it rains in the morning.",
  ];
  assert.deepEqual((await rankedAfter(told, "what do I take for anxiety"))[0], 1);
});

Deno.test("recall77 search: a question naming the store's user finds the user's first-person fact (real SQLite)", async () => {
  const told = [
    THEO_SAID,
    "I take sertraline 50mg every morning for anxiety.",
    "Dev takes propranolol before gigs for stage anxiety.",
  ];
  assert.deepEqual((await rankedAfter(told, "what does Theo take for anxiety"))[0], 1);
});

Deno.test("recall77 recall: a chat's sender is the one user its question's names ask about as the speaker (real SQLite)", async () => {
  const fixture: MemoryFixture = await memoryFixture((db) =>
    new SqliteBackend(db as SqliteDatabase)
  );
  try {
    const told = [
      THEO_SAID,
      exchange("Maja", "can you remind me about the dentist?"),
      "I take sertraline 50mg every morning for anxiety.",
      "Kit takes propranolol before gigs for stage anxiety.",
    ];
    for (const content of told) await fixture.memory.store(fixture.aria, input({ content }));
    const first = async (asker?: string) =>
      (await fixture.memory.recall(fixture.aria, "what does Maja take for anxiety", {
        limit: 3,
        asker,
      }))[0]?.content;
    // Maja asks, or no one known does (both senders are users): "I" may be Maja's.
    assert.equal(await first("Maja"), told[2]);
    assert.equal(await first(), told[2]);
    // Theo asks about Maja: his "I take ..." is not hers.
    assert.notEqual(await first("Theo"), told[2]);
  } finally {
    await fixture.close();
  }
});
