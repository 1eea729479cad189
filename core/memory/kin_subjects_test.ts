import assert from "node:assert/strict";
import type { Database, SqliteDatabase } from "../storage/mod.ts";
import { eachDatabase } from "../storage/testing/databases.ts";
import { input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import { PostgresMemoryBackend } from "./postgres_backend.ts";
import { NO_VECTORS } from "./testing/bare_backend.ts";
import type { Candidate, CandidateQuery } from "./backend.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { termsOf } from "./terms_memo.ts";
import { TextFactors } from "./text_factors.ts";
import { GROUP_PERSPECTIVE, PERSPECTIVE, voiceFactor } from "./ranking.ts";
import {
  KIN_SUBJECT_NAMES,
  KIN_SUBJECT_SOURCES,
  KIN_SUBJECT_TIES,
  kinSubjects,
  kinTies,
  subjectTerm,
} from "./kin_subjects.ts";

const term = (word: string) => termsOf(word)[0]!;

Deno.test("a memory's subject is its first word, a possessive's owner, not a stop or family word", () => {
  assert.equal(subjectTerm("Kuba want to be electrician"), term("Kuba"));
  assert.equal(subjectTerm("Kasia's mother is living in Przemysl"), term("Kasia"));
  assert.equal(subjectTerm("Zosia’s teacher is Ms Daly"), term("Zosia"));
  assert.equal(subjectTerm("  rui is mechanic"), term("rui"));
  assert.equal(subjectTerm("Jasper's friend is allergic to dogs"), undefined);
  assert.equal(subjectTerm("Jasper's Friend is allergic to dogs"), undefined);
  assert.equal(subjectTerm("Jasper friend is allergic"), term("Jasper"));
  assert.equal(subjectTerm("The warehouse has 42 doors"), undefined);
  assert.equal(subjectTerm("kids are fighting again"), undefined);
  assert.equal(subjectTerm("Mother's day is in March"), undefined);
  assert.equal(subjectTerm(""), undefined);
});

Deno.test("a name is tied to the speaker by my/our/user's, at most one word, a family word", () => {
  assert.deepEqual(kinTies("our son Kuba has 16 years"), [term("Kuba")]);
  assert.deepEqual(kinTies("my wife is Kasia, full name Katarzyna"), [term("Kasia")]);
  assert.deepEqual(kinTies("my little sister Bisi has a salon"), [term("Bisi")]);
  assert.deepEqual(kinTies("The user's daughter Mila is five"), [term("Mila")]);
  assert.deepEqual(kinTies("my son Tom and my daughter Ann"), [term("Tom"), term("Ann")]);
  // A writer of lowercase names in lowercase; one who capitalises names does.
  assert.deepEqual(kinTies("my son rui is mechanic"), [term("rui")]);
  assert.deepEqual(kinTies("My son plays football"), []);
  // Companions, someone else's relatives, two words between: no tie.
  assert.deepEqual(kinTies("my colleague Florin has a Dacia"), []);
  assert.deepEqual(kinTies("Florin's wife Ioana is a nurse"), []);
  assert.deepEqual(kinTies("my brother came with his wife Agata"), []);
  assert.deepEqual(kinTies("my very very old aunt Vera"), []);
  // A family word after the family word ("my brother's wife") is no name.
  assert.deepEqual(kinTies("my brother wife Agata"), []);
});

const candidate = (content: string, lexical: number, persona = "aria"): Candidate => ({
  record: sampleRecord({ id: content, persona_id: persona, content }),
  lexical,
  similarity: 0,
});
const query = { personaId: "aria" } as CandidateQuery;

Deno.test("kinSubjects looks up the subjects of the best candidates in no one's voice, bounded", async () => {
  const looked: string[] = [];
  const stored = [
    "our son Kuba has 16 years",
    "my colleague Florin drives a Dacia",
    "his wife Agata works in Tesco",
  ];
  const backend = {
    candidates: (q: CandidateQuery) => {
      looked.push(q.terms[0]!);
      assert.ok(q.lexicalOnly, "a lexical lookup only");
      assert.equal(q.limit, KIN_SUBJECT_TIES);
      return Promise.resolve(
        stored.filter((c) => termsOf(c).includes(q.terms[0]!)).map((c) => candidate(c, 1)),
      );
    },
  };
  const pool = [
    candidate("Kuba want to be electrician", 3),
    candidate("Florin wants to be a pilot", 2),
    candidate("Agata is a manager", 1),
    candidate("I want to be a pilot", 5),
    candidate("Kira wants to fly", 9, "kira"),
  ];
  const tied = await kinSubjects(pool, query, backend);
  assert.deepEqual([...tied], [term("Kuba")]);
  // Best first, the persona's own in no one's voice only.
  assert.deepEqual(looked, [term("Kuba"), term("Florin"), term("Agata")]);
  // At most KIN_SUBJECT_NAMES names, from at most KIN_SUBJECT_SOURCES candidates.
  looked.length = 0;
  const many = Array.from(
    { length: 20 },
    (_, i) => candidate(`${String.fromCharCode(65 + i)}ola sings`, 20 - i),
  );
  await kinSubjects(many, query, backend);
  assert.equal(looked.length, KIN_SUBJECT_NAMES);
  looked.length = 0;
  const unnamed = Array.from({ length: 20 }, (_, i) => candidate(`The thing ${i} sings`, 20 - i));
  await kinSubjects(
    [...unnamed.slice(0, KIN_SUBJECT_SOURCES), candidate("Kuba sings", 0)],
    query,
    backend,
  );
  assert.deepEqual(looked, [], `only the first ${KIN_SUBJECT_SOURCES} are read`);
  await kinSubjects([...unnamed.slice(0, KIN_SUBJECT_SOURCES - 1), candidate("Kuba sings", 0)], {
    ...query,
  }, backend);
  assert.deepEqual(looked, [term("Kuba")]);
});

Deno.test("a memory in no one's voice opening with a family name is weighed as a relative's", () => {
  const kuba = sampleRecord({ content: "Kuba want to be electrician" });
  const florin = sampleRecord({ content: "Florin wants to be a pilot" });
  const mine = sampleRecord({ content: "Kuba and I went fishing" });
  const factors = new TextFactors({ kinSubjects: new Set([term("Kuba")]) });
  assert.equal(factors.rankedVoice(kuba), "kin");
  assert.equal(factors.rankedVoice(florin), "other");
  assert.equal(factors.rankedVoice(mine), "self");
  // Its voice as update pairing reads it stays no one's.
  assert.equal(factors.voice(kuba), "other");
  assert.equal(new TextFactors({}).rankedVoice(kuba), "other");
  // Not for a question about the persona itself.
  const own = new TextFactors({ kinSubjects: new Set([term("Kuba")]), own: true });
  assert.equal(own.rankedVoice(kuba), "other");
  // A relative's loses GROUP_PERSPECTIVE whether the query is in the speaker's or the group's voice.
  assert.equal(voiceFactor("self", "kin"), 1 - GROUP_PERSPECTIVE);
  assert.equal(voiceFactor("group", "kin"), 1 - GROUP_PERSPECTIVE);
  assert.equal(voiceFactor("other", "kin"), 1);
  assert.equal(voiceFactor(undefined, "kin"), 1);
});

/** A fixture on `db` of its kind. */
const fixtureOn = (db: Database, kind: string) =>
  memoryFixture(
    (d) =>
      kind === "sqlite"
        ? new SqliteBackend(d as SqliteDatabase)
        : new PostgresMemoryBackend(d, NO_VECTORS),
    { database: db },
  );

eachDatabase(
  "a family member's fact told without 'my' ranks above a colleague's",
  async (db, kind) => {
    const fixture = await fixtureOn(db, kind);
    try {
      const store = (content: string) => fixture.memory.store(fixture.aria, input({ content }));
      await store("our son Kuba has 16 years, he is in Transition Year");
      await store("my colleague Florin is from Iasi, he drives a Dacia");
      await store("I like fishing on the canal");
      const florin = await store("Florin wants to be an electrician one day");
      const kuba = await store("Kuba wants to be an electrician one day");
      const hits = await fixture.memory.search(fixture.aria, {
        query: "who in my family wants to be an electrician",
        n_results: 5,
        min_importance: 0,
        explain: true,
      });
      const ids = hits.map((hit) => hit.id);
      assert.ok(ids.indexOf(kuba.id) >= 0 && ids.indexOf(florin.id) >= 0, ids.join());
      assert.ok(ids.indexOf(kuba.id) < ids.indexOf(florin.id), "the son's fact first");
      const adjustment = (id: string) => hits.find((hit) => hit.id === id)!.score_parts!.adjustment;
      // The son's loses GROUP_PERSPECTIVE, the colleague's PERSPECTIVE.
      assert.ok(
        Math.abs(adjustment(kuba.id) - (1 - GROUP_PERSPECTIVE)) < 1e-9,
        `${adjustment(kuba.id)}`,
      );
      assert.ok(
        Math.abs(adjustment(florin.id) - (1 - PERSPECTIVE)) < 1e-9,
        `${adjustment(florin.id)}`,
      );
    } finally {
      await fixture.close();
    }
  },
);

Deno.test("a tie is read among the first KIN_SUBJECT_TIES memories the name finds", async () => {
  const backendWith = (at: number) => ({
    candidates: (q: CandidateQuery) => {
      const found = Array.from(
        { length: 40 },
        (_, i) => candidate(i === at ? "our son Kuba is tall" : `Kuba sang song ${i}`, 1),
      );
      return Promise.resolve(found.slice(0, q.limit));
    },
  });
  const pool = [candidate("Kuba want to be electrician", 1)];
  assert.deepEqual([...await kinSubjects(pool, query, backendWith(KIN_SUBJECT_TIES - 1))], [
    term("Kuba"),
  ]);
  assert.deepEqual([...await kinSubjects(pool, query, backendWith(KIN_SUBJECT_TIES))], []);
});
