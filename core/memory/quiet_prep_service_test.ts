import assert from "node:assert/strict";
import { chatExchange, dialogueTurn, input, memoryFixture } from "./testing/contract_fixture.ts";
import { SqliteBackend } from "./sqlite_backend.ts";
import type { SqliteDatabase } from "../storage/mod.ts";
import { rememberedByText } from "./text_memo.ts";
import type { QuietWatch } from "../storage/quiet_moment.ts";
import { LocalEmbedder } from "./embedder.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";

/** The texts an every-candidate memo of this file was asked about (prepared). */
const asked: string[] = [];
rememberedByText((text) => asked.push(text), { everyCandidate: true });

/** A SQLite fixture whose quiet moments come when the test says (and `embedder`, if given). */
async function fixtureWithQuiet(embedder?: LocalEmbedder) {
  const watches: QuietWatch[] = [];
  let stopped = 0;
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase), {
    embedder,
    whenQuiet: (watch) => {
      watches.push(watch);
      return () => stopped++;
    },
  });
  /** Fires quiet moments until nothing waits (a slice may leave some for the next). */
  const quiet = async () => {
    for (let fired = 0; fired < watches.length; fired++) {
      // A writer that watches again with nothing left would go on without end: fail, not hang.
      if (fired > 100) throw new Error("a watch for every slice, with nothing waiting");
      watches[fired]!.onQuiet();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { ...fixture, watches, quiet, stopped: () => stopped };
}

const askedAbout = (word: string) => asked.filter((text) => text.includes(word)).length;

Deno.test("a chat's exchange is stored unprepared and prepared at the next quiet moment", async () => {
  const f = await fixtureWithQuiet();
  try {
    const { memory_id } = await chatExchange(f, "The kestrel hovered over the allotment");
    assert.equal(askedAbout("kestrel"), 0, "prepared before the store answered");
    assert.equal(f.watches.length, 1);
    await f.quiet();
    assert.equal(askedAbout("kestrel"), 1);
    // The memory is the exchange's (the text prepared is the stored one).
    assert.ok(asked.includes((await f.memory.get(memory_id)).content));
  } finally {
    await f.close();
  }
});

Deno.test("a dialogue's turn is stored unprepared and prepared at the next quiet moment", async () => {
  const f = await fixtureWithQuiet();
  try {
    await dialogueTurn(f, "The heron stood in the weir all morning");
    assert.equal(askedAbout("heron"), 0, "prepared before the store answered");
    await f.quiet();
    // The speaker's memory and the listener's.
    assert.equal(askedAbout("heron"), 2);
  } finally {
    await f.close();
  }
});

Deno.test("a client's store is prepared before it answers, with no quiet moment awaited", async () => {
  const f = await fixtureWithQuiet();
  try {
    await f.memory.store(f.aria, input({ content: "The otter slipped under the bridge" }));
    assert.equal(askedAbout("otter"), 1);
    assert.equal(f.watches.length, 0);
  } finally {
    await f.close();
  }
});

Deno.test("closing the memory service stops the watch for a quiet moment", async () => {
  const f = await fixtureWithQuiet();
  await chatExchange(f, "The wren sang at dawn");
  await f.close();
  assert.equal(f.stopped(), 1);
});

/** The local embedder, whose word vectors note each text whose content words are asked. */
class WordsAsked extends LocalEmbedder {
  readonly worded: string[] = [];

  override async wordVectors(): Promise<WordVectors> {
    const words = await super.wordVectors();
    const contentWords = words.contentWords.bind(words);
    // The same vectors, but for the one method noted.
    return Object.assign(Object.create(words), {
      contentWords: (text: string) => (this.worded.push(text), contentWords(text)),
    });
  }
}

Deno.test("a quiet moment prepares with the embedder's word vectors and watches the backend's requests", async () => {
  const embedder = new WordsAsked();
  const f = await fixtureWithQuiet(embedder);
  try {
    const { memory_id } = await chatExchange(f, "The dipper bobbed on the stones");
    // The watch reads the backend's count of requests begun: a request moves it.
    const watch = f.watches[0]!;
    const before = watch.activity();
    await f.memory.get(memory_id);
    assert.ok(watch.activity() > before, "a request the watch does not see");
    assert.ok(!embedder.worded.some((text) => text.includes("dipper")));
    await f.quiet();
    // Its content words as alignment reads them, worked out with the rest.
    assert.ok(embedder.worded.some((text) => text.includes("dipper")));
  } finally {
    await f.close();
  }
});
