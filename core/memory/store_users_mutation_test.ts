import assert from "node:assert/strict";
import { knownUsers, MAX_ASKED_USERS, namesToAsk } from "./store_users.ts";
import type { CandidateQuery } from "./backend.ts";

Deno.test("namesToAsk: once MAX_ASKED_USERS names are found, no further candidate is read", () => {
  // Each line opens with a name of its own ("Bako", "Bbko", ...): the first MAX_ASKED_USERS fill
  // the names asked.
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const name = (i: number) => `B${letters[Math.floor(i / 26)]}${letters[i % 26]}ko`;
  const lines = Array.from({ length: MAX_ASKED_USERS + 40 }, (_, i) => `${name(i)} fed the cat`);
  let read = 0;
  const contents = new Proxy(lines, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) read++;
      return Reflect.get(target, key, receiver);
    },
  });
  const names = namesToAsk({ names: [], contents, ownThings: false });
  assert.equal(names.length, MAX_ASKED_USERS);
  assert.deepEqual(names.slice(0, 2), ["baako", "babko"]);
  // The line that fills the set, then the one that finds it full: the rest are never read.
  assert.equal(read, MAX_ASKED_USERS + 1);
});

Deno.test("namesToAsk: the owners of a candidate's possessives are asked only for the speaker's own things", () => {
  const contents = ["I walked Maja's dog"];
  assert.deepEqual(namesToAsk({ names: [], contents, ownThings: false }), []);
  assert.deepEqual(namesToAsk({ names: [], contents, ownThings: true }), ["maja"]);
});

Deno.test("knownUsers: with every name asked already a sender of the pool, the store is not asked", async () => {
  const asked: string[][] = [];
  const backend = {
    tiedKinds: (_query: CandidateQuery, keys: readonly string[]) => {
      asked.push([...keys]);
      return Promise.resolve(new Set<string>());
    },
  };
  const contents = ["Maja said: hi\nAria replied: Noted!"];
  const users = await knownUsers({
    names: ["maja"],
    contents,
    ownThings: false,
    speakerVoice: false,
  }, {
    backend,
    candidateQuery: {} as CandidateQuery,
  });
  assert.deepEqual([...users], ["maja"]);
  assert.deepEqual(asked, []);
});
