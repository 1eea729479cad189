/**
 * Memories in languages other than English are found by the words a user types, through a real
 * server on every backend: SQLite, SQLite with Chroma (whose BM25 index is built in the process)
 * and PostgreSQL (terms and statistics in SQL, vectors in a real Chroma). Chinese, Japanese and
 * Thai are written without spaces, Korean attaches particles, Hindi vowel signs and Japanese
 * voicing marks make other words, Russian words are found in another form (by their
 * beginnings), German ß and Turkish ı fold as a user expects, and an emoji is a word. Each query's expected memory must be the first hit and a match, not a filler.
 */
import { tempDirSync } from "../core/testing/temp_dirs.ts";
import assert from "node:assert/strict";
import { startChromaServer } from "../core/memory/chroma_server.ts";
import { POSTGRES_SKIPPED } from "../core/storage/testing/databases.ts";
import { RpcClient, startTestServer, withPostgresChromaEnv } from "./_helpers.ts";

/** Memories by key. */
const LANGUAGE_MEMORIES: Readonly<Record<string, string>> = {
  zh: "我最喜欢的水果是苹果，每天早上都吃一个。",
  zh2: "我的妹妹住在上海，她是一名医生。",
  ja: "私の猫の名前はミケです。東京に住んでいます。",
  ja2: "来週の月曜日に歯医者の予約があります。",
  th: "ฉันชอบกินทุเรียนมากที่สุดในโลก",
  ko: "제 남동생은 부산에서 요리사로 일해요.",
  hiHeart: "मेरा दिल टूट गया",
  hiLentils: "मुझे दाल पसंद है",
  ru: "Моя бабушка живёт в Новосибирске и выращивает помидоры.",
  de: "Ich wohne in der Großstraße und trinke gern Weißbier.",
  tr: "İstanbul'da yaşıyorum ve ISPARTA'dan geldim.",
  emoji: "Pizza night 🍕 with the family 👩🏽‍💻",
  en: "My favourite colour is blue and I drive a Volvo.",
};

/** Query and the key of the memory it must find first. */
const LANGUAGE_QUERIES: ReadonlyArray<readonly [string, string]> = [
  ["苹果", "zh"],
  ["水果", "zh"],
  ["我最喜欢的水果是什么", "zh"],
  ["妹妹", "zh2"],
  ["上海", "zh2"],
  ["医生", "zh2"],
  ["猫", "ja"],
  ["ミケ", "ja"],
  ["東京", "ja"],
  ["歯医者", "ja2"],
  ["医者", "ja2"],
  ["ทุเรียน", "th"],
  ["부산", "ko"],
  ["남동생", "ko"],
  ["दाल", "hiLentils"],
  ["दिल", "hiHeart"],
  ["помидоры", "ru"],
  ["бабушки", "ru"],
  ["Новосибирск", "ru"],
  ["GROSSSTRASSE", "de"],
  ["grossstrasse", "de"],
  ["Weissbier", "de"],
  ["ısparta", "tr"],
  ["ISTANBUL", "tr"],
  ["🍕", "emoji"],
  ["👩🏽‍💻", "emoji"],
  ["volvo", "en"],
];

interface Hit {
  id: string;
  content: string;
  score_parts: { lexical: number; filler?: true };
}

/** Stores the memories for a new persona and checks every query; the misses, listed. */
async function misses(client: RpcClient): Promise<string[]> {
  const { persona } = await client.call<{ persona: { id: string } }>("persona.create", {
    name: "Polyglot",
    description: "speaks many languages",
  });
  const keyOf = new Map<string, string>();
  for (const [key, content] of Object.entries(LANGUAGE_MEMORIES)) {
    const { memory_id } = await client.call<{ memory_id: string }>("memory.store", {
      persona_id: persona.id,
      content,
    });
    keyOf.set(memory_id, key);
  }
  const missed: string[] = [];
  for (const [query, want] of LANGUAGE_QUERIES) {
    const { memories } = await client.call<{ memories: Hit[] }>("memory.search", {
      persona_id: persona.id,
      query,
      n_results: 3,
      explain: true,
    });
    const [top] = memories;
    const got = top ? keyOf.get(top.id) : undefined;
    if (got !== want || top?.score_parts.filler) missed.push(`${query}: ${got} (want ${want})`);
    // Words that differ only by a vowel sign are different words: no lexical match.
    if (query === "दाल") {
      const heart = memories.find((hit) => keyOf.get(hit.id) === "hiHeart");
      if (heart && heart.score_parts.lexical > 0) missed.push("दाल: दिल matches it too");
    }
  }
  // A query without a word (punctuation, lone marks) is no error, and gets the nearest memories
  // as fillers, as a query of unknown words does.
  for (const query of ["?!", "\u0301".repeat(50)]) {
    const { memories } = await client.call<{ memories: Hit[] }>("memory.search", {
      persona_id: persona.id,
      query,
      explain: true,
    });
    assert.ok(memories.every((hit) => hit.score_parts.filler), "fillers only");
    if (query === "?!") assert.ok(memories.length > 0, "the nearest memories fill the list");
  }
  return missed;
}

async function checkServer(env: Record<string, string>) {
  const server = await startTestServer({ MEMORY_DECAY_ENABLED: "false", ...env });
  const client = await RpcClient.connect(server.wsUrl);
  try {
    assert.deepEqual(await misses(client), []);
  } finally {
    await client.close();
    await server.shutdown();
  }
}

Deno.test("SQLite: memories in many languages are found by the words a user types", async () => {
  await checkServer({ DATA_DIR: tempDirSync("persona-langs-") });
});

Deno.test("SQLite with Chroma: the in-process index reads every language the same way", async () => {
  const chroma = await startChromaServer();
  try {
    await checkServer({
      DATA_DIR: tempDirSync("persona-langs-"),
      MEMORY_BACKEND: "chroma",
      CHROMA_URL: chroma.url,
    });
  } finally {
    await chroma.stop();
  }
});

Deno.test({
  name: "PostgreSQL: memories in many languages are found by the words a user types",
  ignore: POSTGRES_SKIPPED,
  async fn() {
    await withPostgresChromaEnv(checkServer);
  },
});
