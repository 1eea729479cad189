/**
 * A model-server test server as its own process, for benchmarks:
 *   deno run --allow-net tests/bench/fake_model_server.ts --provider ollama|openai \
 *     --first-token-ms 100 --token-ms 0
 * Prints `URL <base url>` on stdout when listening (with `/v1` for `openai`).
 */
import { FakeOllama } from "../fake_ollama.ts";
import { FakeOpenAi } from "../fake_openai.ts";
import { numberFlag } from "./_load.ts";

const provider = Deno.args[Deno.args.indexOf("--provider") + 1] ?? "ollama";
const behavior = {
  firstTokenDelayMs: numberFlag(Deno.args, "first-token-ms", 100),
  tokenDelayMs: numberFlag(Deno.args, "token-ms", 0),
  reply: () => "A fixed answer of exactly ten words for the benchmark run.",
};
const fake = provider === "openai" ? FakeOpenAi.start(behavior) : FakeOllama.start(behavior);
// Benchmarks run long: do not keep every request body.
fake.requests.push = () => 0;
console.log(`URL ${fake instanceof FakeOpenAi ? fake.baseUrl : fake.url}`);
