/**
 * The README's tour runs as written: every ```` ```sh run ```` block, in order, in one shell (so
 * that variables carry over, as in a terminal), against a real server process with a fake Ollama,
 * after every ```` ```ts file=NAME ```` block is saved as NAME in the shell's working folder.
 */
import assert from "node:assert/strict";
import { SETTINGS } from "../core/settings.ts";
import { FakeOllama } from "./fake_ollama.ts";
import { REPO_ROOT, spawnServer } from "./_helpers.ts";

const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);

/** A fenced block of the README. */
interface Block {
  /** The info string: `sh run`, `ts file=tour.ts`, `sh`... */
  info: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
}

function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((line, at) => at > i && line === "```");
    assert.ok(end > i, `README line ${i + 1}: the fence is never closed`);
    blocks.push({ info: open[1]!.trim(), body: lines.slice(i + 1, end).join("\n"), line: i + 1 });
    i = end;
  }
  return blocks;
}

const blocks = fencedBlocks(readme);
const runnable = blocks.filter((block) => block.info === "sh run");
const files = blocks.flatMap((block) => {
  const match = /^ts file=(\S+)$/.exec(block.info);
  return match ? [{ name: match[1]!, body: block.body, line: block.line }] : [];
});
const MARK = "::readme-snippet::";

Deno.test("the tour's sh and ts blocks are all marked to run, and there is something to run", () => {
  const tour = readme.slice(
    readme.indexOf("## Five-minute tour"),
    readme.indexOf("\n## ", readme.indexOf("## Five-minute tour") + 5),
  );
  const tourBlocks = fencedBlocks(tour);
  // Only the block that sets the variables is shown, not run: the test sets them to its server.
  const shownOnly = tourBlocks.filter((block) => block.info === "sh" || block.info === "ts");
  assert.equal(shownOnly.length, 1, "one unmarked block in the tour: the variables");
  assert.match(shownOnly[0]!.body, /^export PERSONA_API=\S+ PERSONA_WS=\S+$/);
  assert.ok(runnable.length >= 5, `sh run blocks: ${runnable.length}`);
  assert.ok(files.length >= 1, "a ts file block");
  for (const file of files) {
    assert.ok(
      runnable.some((block) => block.body.includes(file.name)),
      `a sh run block runs ${file.name}`,
    );
  }
});

Deno.test("the tour's variables default to the server's default addresses", () => {
  const host = SETTINGS.SERVER_HOST.schema.parse(undefined);
  const wsPort = SETTINGS.SERVER_PORT.schema.parse(undefined);
  const apiPort = SETTINGS.API_PORT.schema.parse(undefined);
  const exports =
    `export PERSONA_API=http://${host}:${apiPort}/api PERSONA_WS=ws://${host}:${wsPort}/mcp`;
  assert.ok(readme.includes(exports), `README sets: ${exports}`);
  for (const file of files) {
    if (file.body.includes("PERSONA_WS")) {
      assert.ok(file.body.includes(`"ws://${host}:${wsPort}/mcp"`), `${file.name} default`);
    }
  }
});

/** Each runnable block's stdout and stderr, from one bash running them all in order. */
interface TourRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Per block, in order: what it wrote to stdout, then to stderr. */
  outputs: Array<{ stdout: string; stderr: string }>;
}

/** Runs every runnable block in one shell against a server started with `env`. */
async function runTour(env: Record<string, string>, options: { stopOnError: boolean }) {
  const jq = await new Deno.Command("jq", { args: ["--version"], stdout: "null", stderr: "null" })
    .output().catch(() => null);
  assert.ok(jq?.success, "the tour needs jq: apt-get install jq (.ci/run installs it)");
  const server = await spawnServer(env);
  const workDir = Deno.makeTempDirSync({ prefix: "readme-tour-" });
  try {
    for (const file of files) Deno.writeTextFileSync(`${workDir}/${file.name}`, file.body + "\n");
    const script = [options.stopOnError ? "set -euo pipefail" : "set -uo pipefail"];
    runnable.forEach((block, index) => {
      script.push(`echo '${MARK}${index}'`, `echo '${MARK}${index}' >&2`, block.body);
    });
    const denoDir = Deno.execPath().replace(/\/[^/]+$/, "");
    const output = await new Deno.Command("bash", {
      args: ["-c", script.join("\n")],
      cwd: workDir,
      env: {
        PATH: `${denoDir}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
        PERSONA_API: server.apiUrl,
        PERSONA_WS: server.wsUrl,
        NO_COLOR: "1",
      },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    const split = (text: string) => text.split(new RegExp(`${MARK}\\d+\\n`)).slice(1);
    const errors = split(stderr);
    const outputs = split(stdout).map((text, index) => ({
      stdout: text,
      stderr: errors[index] ?? "",
    }));
    return { code: output.code, stdout, stderr, outputs } satisfies TourRun;
  } finally {
    await server.stop();
    Deno.removeSync(workDir, { recursive: true });
  }
}

Deno.test("every runnable README block runs as written against a real server", async () => {
  const ollama = FakeOllama.start();
  try {
    const { code, stdout, stderr, outputs } = await runTour({ OLLAMA_HOST: ollama.url }, {
      stopOnError: true,
    });
    const last = outputs.length - 1;
    assert.equal(
      code,
      0,
      `the block at README line ${runnable[last]?.line} failed:\n${stdout}\n${stderr}`,
    );
    assert.equal(outputs.length, runnable.length);
    outputs.forEach(({ stdout: text }, index) => {
      const where = `the block at README line ${runnable[index]!.line}`;
      assert.ok(text.trim().length > 0, `${where} printed nothing`);
      assert.doesNotMatch(text, /"error"|^null$|^error: /m, `${where} printed an error:\n${text}`);
    });
    // The chat blocks reached the model: the fake quotes what it was told.
    assert.ok(ollama.chatRequests().length >= 3, "the chat, the stream and the dialogue turn");
    assert.match(stdout, /Well met! You said: .*Which song would you play for a sailor/);
  } finally {
    await ollama.stop();
  }
});

Deno.test("without a model the tour's chat steps print the server's error and its hint", async () => {
  const dead = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const host = `http://127.0.0.1:${(dead.addr as Deno.NetAddr).port}`;
  dead.close(); // nothing answers there: no model server
  const { outputs } = await runTour({ OLLAMA_HOST: host }, { stopOnError: false });
  assert.equal(outputs.length, runnable.length);
  const chatSteps = runnable.flatMap((block, index) =>
    /\/chat"|tour\.ts|\/turns"/.test(block.body) ? [index] : []
  );
  assert.equal(chatSteps.length, 3, "step 4's chat, step 5's tour.ts, step 6's turn");
  for (const index of chatSteps) {
    const { stdout, stderr } = outputs[index]!;
    const where = `the block at README line ${runnable[index]!.line}`;
    const text = stdout + stderr;
    assert.match(text, new RegExp(`^error: Cannot reach Ollama at ${host}$`, "m"), where);
    assert.match(text, /^hint: Start Ollama with `ollama serve`/m, `${where}:\n${text}`);
    assert.doesNotMatch(text, /^null$|: null|Uncaught|^\s+at /m, `${where}:\n${text}`);
  }
});
