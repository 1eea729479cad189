/**
 * The SQLite upgrade to analyser 3 (`memories_analyser_3`): which memories' local vectors to queue,
 * read by the old condition (a GLOB per lexicon word, `chatSpeakGlob`) and by the migration's
 * function (`holds_chat_speak`: one pass over the words), side by side on the same rows.
 * `deno run -A tests/bench/_analyser3_upgrade.ts [--skip-glob]` (the GLOB takes minutes on long texts).
 */
import { DatabaseSync } from "node:sqlite";
import { chatSpeakGlob } from "../../core/memory/chat_speak.ts";
import { holdsChatSpeak } from "../../core/memory/vector_remake.ts";

const skipGlob = Deno.args.includes("--skip-glob");
const db = new DatabaseSync(":memory:");
db.function(
  "holds_chat_speak",
  { deterministic: true },
  (content) => typeof content === "string" && holdsChatSpeak(content) ? 1 : 0,
);
db.exec("CREATE TABLE memories (id INTEGER PRIMARY KEY, content TEXT, embedder TEXT)");
const sentence = "Went to the farmers market on Saturday morning and bought sourdough, " +
  "cheese and some apples for the week. ";

function fill(rows: number, chars: number): void {
  db.exec("DELETE FROM memories");
  const insert = db.prepare("INSERT INTO memories (content, embedder) VALUES (?, 'local-v2')");
  const text = sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
  for (let i = 0; i < rows; i++) insert.run(text + " " + i);
}

function timed(condition: string): string {
  const start = performance.now();
  const { n } = db.prepare(
    `SELECT count(*) AS n FROM memories WHERE embedder LIKE 'local-%' AND (${condition})`,
  ).get() as { n: number };
  return `${(performance.now() - start).toFixed(0)} ms (${n} rows)`;
}

for (const [rows, chars] of [[10_000, 300], [100, 100_000], [1000, 100_000]] as const) {
  fill(rows, chars);
  const glob = skipGlob || chars * rows > 10_000_000 ? "skipped" : timed(chatSpeakGlob("content"));
  console.log(
    `${rows} rows x ${chars} chars: GLOB ${glob}; holds_chat_speak ${
      timed("holds_chat_speak(content)")
    }`,
  );
}
