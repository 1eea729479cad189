/**
 * The Ollama-compatible test server as its own process, for benchmarks:
 *   deno run --allow-net tests/bench/fake_ollama_server.ts --first-token-ms 100 --token-ms 0
 * Prints `URL <base url>` on stdout when listening.
 */
import { FakeOllama } from "../fake_ollama.ts";
import { numberFlag } from "./_load.ts";

const fake = FakeOllama.start({
  firstTokenDelayMs: numberFlag(Deno.args, "first-token-ms", 100),
  tokenDelayMs: numberFlag(Deno.args, "token-ms", 0),
  reply: () => "A fixed answer of exactly ten words for the benchmark run.",
});
// Benchmarks run long: do not keep every request body.
fake.requests.push = () => 0;
console.log(`URL ${fake.url}`);
