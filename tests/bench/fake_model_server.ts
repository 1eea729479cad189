/**
 * A model-server test server as its own process, for benchmarks:
 *   deno run --allow-net tests/bench/fake_model_server.ts --provider ollama|openai \
 *     --first-token-ms 100 --token-ms 0 [--jobs] [--words N]
 * Prints `URL <base url>` on stdout when listening (with `/v1` for `openai`). With `--jobs` it
 * also answers the background jobs' JSON requests (a fact per chat, questions, insights), after
 * the same first-token delay. `--words N` makes the chat answer N words long (one streamed piece
 * each; default the fixed ten-word answer), for the per-token path of a real reply's length.
 */
import { FakeOllama } from "../fake_ollama.ts";
import { FakeOpenAi } from "../fake_openai.ts";
import { mindReply } from "../_mind.ts";
import { numberFlag } from "./_load.ts";

const provider = Deno.args[Deno.args.indexOf("--provider") + 1] ?? "ollama";
const words = numberFlag(Deno.args, "words", 0);
const answer = words > 0
  ? Array.from({ length: words }, (_, i) => `word${i % 50}`).join(" ") + "."
  : "A fixed answer of exactly ten words for the benchmark run.";
const reply = Deno.args.includes("--jobs")
  ? mindReply({
    chat: () => answer,
    facts: (transcript) => {
      const n = /benchmark message (\d+)/.exec(transcript)?.[1];
      return n ? [{ content: `The user sent benchmark message ${n}.`, importance: 3 }] : [];
    },
    replaced: () => [],
    questions: () => ["What does the user keep sending?"],
    insights:
      () => [{ content: "The user sends many numbered messages.", evidence: [1], importance: 4 }],
  })
  : () => answer;
const behavior = {
  firstTokenDelayMs: numberFlag(Deno.args, "first-token-ms", 100),
  tokenDelayMs: numberFlag(Deno.args, "token-ms", 0),
  reply,
};
const fake = provider === "openai" ? FakeOpenAi.start(behavior) : FakeOllama.start(behavior);
// Benchmarks run long: do not keep every request body.
fake.requests.push = () => 0;
console.log(`URL ${fake instanceof FakeOpenAi ? fake.baseUrl : fake.url}`);
