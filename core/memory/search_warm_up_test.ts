import assert from "node:assert/strict";
import { LocalEmbedder } from "./embedder.ts";
import { tellsIntent } from "./intent.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { queryVoice, reportsTalk, voiceOf } from "./query.ts";
import { WARM_UP_MEMORIES, WARM_UP_QUERY, warmSearchPath } from "./search_warm_up.ts";

Deno.test("the made-up query and memories reach the voice, intent and talk expressions", () => {
  assert.equal(queryVoice(WARM_UP_QUERY), "self");
  assert.equal(voiceOf(WARM_UP_MEMORIES[0]!), "self");
  assert.ok(tellsIntent(WARM_UP_MEMORIES[0]!));
  assert.ok(reportsTalk(WARM_UP_MEMORIES[1]!));
});

Deno.test("the search path runs once with the local embedder, and not without word vectors", async () => {
  const words = await WordVectors.shared();
  await warmSearchPath(new LocalEmbedder(), words);
  let asked = false;
  const remote = {
    id: "remote",
    embed: () => {
      asked = true;
      return Promise.resolve([]);
    },
  };
  await warmSearchPath(remote as never, words);
  assert.equal(asked, false, "a remote embedder is never asked");
});
