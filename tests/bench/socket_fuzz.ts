/**
 * The long socket fuzz (`deno task bench:fuzz`): by default 100,000 frames from the fast-check
 * generator of tests/_fuzz.ts over four WebSockets to the server in its own process (its model a
 * test Ollama server in another). Prints frames per second, the answers by code, requests left
 * unanswered, rule violations, and the server's memory (VmRSS) before, at its peak and after.
 * CI runs the same fuzzer on 20,000 frames (tests/socket_fuzz_test.ts).
 *
 *   deno task bench:fuzz [--frames 100000] [--sockets 4] [--seed 7]
 */
import { buildRegistry } from "../../core/server/server_dispatcher.ts";
import { selectPlugins } from "../../core/server/plugin.ts";
import { plugins } from "../../plugins/_manifest.gen.ts";
import { methodShapes } from "../_fuzz.ts";
import { socketFuzz } from "../_socket_fuzz.ts";
import { rssMiB, RssWatch } from "../_attack.ts";
import { RpcClient, spawnServer } from "../_helpers.ts";
import { numberFlag, spawnHelper } from "./_load.ts";

const frames = numberFlag(Deno.args, "frames", 100_000);
const sockets = numberFlag(Deno.args, "sockets", 4);
const seed = numberFlag(Deno.args, "seed", 7);

const ollama = await spawnHelper(
  [
    "--allow-net=127.0.0.1",
    new URL("./fake_model_server.ts", import.meta.url).pathname,
    "--provider",
    "ollama",
    "--first-token-ms",
    "0",
  ],
  /URL (\S+)/,
);
const server = await spawnServer({ OLLAMA_HOST: ollama.announced, LOG_LEVEL: "error" });
let watch: RssWatch | undefined;
try {
  const client = await RpcClient.connect(server.wsUrl);
  for (let i = 0; i < 3; i++) await client.call("persona.create", { name: `Fuzzed ${i}` });
  const { personas } = await client.call<{ personas: Array<{ id: string }> }>("persona.list");
  watch = new RssWatch(server.pid, 100);
  const before = watch.baseline;
  console.log(`${frames} frames over ${sockets} sockets, seed ${seed}, ${Deno.build.target}`);
  const result = await socketFuzz({
    url: server.wsUrl,
    shapes: methodShapes(buildRegistry(selectPlugins(plugins, ["visual"])).list()),
    world: { personas: personas.map((persona) => persona.id) },
    frames,
    sockets,
    seed,
    progress: (sent) => console.log(`  ${sent} frames sent`),
  });
  const alive = JSON.stringify(await client.call("ping")) === "{}";
  await client.close();
  const after = rssMiB(server.pid);
  const peak = before + await watch.stop();
  const codes = Object.entries(result.codes).sort(([a], [b]) => Number(a) - Number(b))
    .map(([code, count]) => `${code}: ${count}`).join(", ");
  console.log(
    `
| Frames | Seconds | Frames/s | Replies | Results | Errors by code | Unanswered | Violations | Server alive after |
| -----: | ------: | -------: | ------: | ------: | -------------- | ---------: | ---------- | ------------------ |
| ${result.frames} | ${result.seconds.toFixed(1)} | ${
      (result.frames / result.seconds).toFixed(0)
    } | ${result.replies} | ${result.results} | ${codes} | ${result.unanswered} | ${
      result.violation ?? "none"
    } | ${alive ? "yes" : "NO"} |

Server RSS: ${before.toFixed(1)} MiB before, ${peak.toFixed(1)} MiB at the peak, ${
      after.toFixed(1)
    } MiB after.` +
      (result.closed.length ? `\nSockets closed by the server: ${result.closed.join("; ")}` : "") +
      (result.unanswered ? `\nUnanswered: ${result.unansweredMethods.join(", ")}` : ""),
  );
  if (result.violation || result.unanswered || !alive || result.closed.length) Deno.exitCode = 1;
} finally {
  await watch?.stop();
  const status = await server.stop();
  if (status.code !== 0) {
    console.log(
      `the server did not exit cleanly (${status.code}):\n${server.stderr().slice(-2000)}`,
    );
    Deno.exitCode = 1;
  }
  await ollama.stop();
}
