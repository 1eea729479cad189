/**
 * What a hostile YAML character file costs the server's one thread. Part 1, in process: for each
 * shape an attacker can repeat (commas, anchors, tags, aliases, quoted values, keys, comments,
 * nesting, ...) the largest file `yaml_shape.ts`'s bounds accept is found (a binary search on the
 * repeat count), then read (`readYamlCharacter`, the median of five); the slowest is the worst
 * accepted file. Part 2, over real sockets: a server process from `main.ts` (this tree, and with
 * `--base PATH` the base tree's, in turn) answers one WebSocket client's `ping`s in a loop while
 * 10 uploads of each hostile file (`POST /api/personas/import`, `application/yaml`) run at once;
 * the longest ping gap is how long the server answered nobody.
 *
 *   deno run -A tests/bench/yaml_character.ts [--base /tmp/base24] [--uploads 10] [--no-server]
 *
 * No assertion: it prints a table (see tests/bench/README.md).
 *
 * @module
 */
import process from "node:process";
import { readYamlCharacter } from "../../core/characters/yaml_character.ts";
import { assertYamlShape } from "../../core/characters/yaml_shape.ts";
import { RpcClient, spawnServer } from "../_helpers.ts";
import { numberFlag } from "./_load.ts";
import { loadAverage } from "./_table.ts";

const uploads = numberFlag(Deno.args, "uploads", 10);
const baseAt = Deno.args.indexOf("--base");
const base = baseAt >= 0 ? Deno.args[baseAt + 1] : undefined;
const encoder = new TextEncoder();

/** A file shape repeated `n` times. */
type Shape = (n: number) => string;
const range = (n: number, item: (i: number) => string, join = "") =>
  Array.from({ length: n }, (_, i) => item(i)).join(join);

const SHAPES: Record<string, Shape> = {
  "empty flow items ,,,": (n) => `name: x\nd: [${",".repeat(n)}]\n`,
  "empty flow pairs {,,,}": (n) => `name: x\nd: {${",".repeat(n)}}\n`,
  "long line then ,,,": (n) => `name: x\nd: [${"x".repeat(900_000)}${",".repeat(n)}]\n`,
  "flow items a,a,": (n) => `name: x\nd: [${"a,".repeat(n)}]\n`,
  "quoted items '',": (n) => `name: x\nd: [${"'',".repeat(n)}]\n`,
  "anchors &a": (n) => `name: x\nd: ${"&a ".repeat(n)}x\n`,
  "tags !a": (n) => `name: x\nd: ${"!a ".repeat(n)}x\n`,
  "known tags !!binary": (n) => `name: x\nd: [${"!!binary x,".repeat(n)}]\n`,
  "aliases *a": (n) => `name: x\na: &a [x, y]\nd: [${"*a,".repeat(n)}]\n`,
  "keys k: v": (n) => `name: x\n${range(n, (i) => `k${i}: v\n`)}`,
  "anchored keys &a k: v": (n) => `name: x\n${range(n, (i) => `&a${i} k${i}: &b${i} v\n`)}`,
  "comment lines": (n) => `name: x\n${"#\n".repeat(n)}`,
  "document ends ...": (n) => `name: x\n${"...\n".repeat(n)}`,
  "sequence errors - x": (n) => `name: x\n${"- x\n".repeat(n)}`,
  "flow maps {a: b},": (n) => `name: x\nd: [${"{a: b},".repeat(n)}]\n`,
  "sibling flows [[..]]": (n) =>
    `name: x\nd: [${`${"[".repeat(60)}${"]".repeat(60)},`.repeat(n)}]\n`,
  "block nesting": (n) => `name: x\nd:\n${range(n, (i) => `${" ".repeat(i + 1)}k:\n`)}`,
  "sequence nesting - - -": (n) => `name: x\nd: ${"- ".repeat(n)}x\n`,
  "complex keys ? x": (n) => `name: x\n${range(n, (i) => `? k${i}\n: v\n`)}`,
  "block scalars |": (n) => `name: x\n${range(n, (i) => `k${i}: |\n  x\n`)}`,
  "folded lines": (n) => `name: x\nd: >\n${"  a\n".repeat(n)}`,
  "escapes \\u0041": (n) => `name: x\nd: "${"\\u0041".repeat(n)}"\n`,
  "quoted lines": (n) => `name: x\nd: "${"a\n".repeat(n)}"\n`,
  "plain lines": (n) => `name: x\nd: a\n${"  a\n".repeat(n)}`,
  "literal lines": (n) => `name: x\nd: |\n${"  a\n".repeat(n)}`,
  "one long line": (n) => `name: x\nd: ${"a".repeat(n)}\n`,
  "directives %TAG": (n) => `${range(n, (i) => `%TAG !t${i}! tag:x,2000:\n`)}---\nname: x\n`,
};

/** True when the bounds checked before parsing accept `text`. */
function accepted(text: string): boolean {
  try {
    assertYamlShape(text);
    return true;
  } catch {
    return false;
  }
}

/** The largest repeat count (up to the 1 MiB file cap) whose file the bounds accept. */
function largestAccepted(shape: Shape): number {
  let low = 0;
  let high = 1;
  while (accepted(shape(high)) && shape(high).length < 1024 * 1024) high *= 2;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (accepted(shape(middle)) && shape(middle).length <= 1024 * 1024) low = middle;
    else high = middle;
  }
  return low;
}

/** This process's CPU milliseconds so far (user and system: what the read takes from others). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median CPU and wall milliseconds of five reads of `text`, and how the read ended. */
function read(text: string): { ms: number; wall: number; outcome: string } {
  const cpu: number[] = [];
  const wall: number[] = [];
  let outcome = "ok";
  for (let round = 0; round < 5; round++) {
    const [startCpu, start] = [cpuMs(), performance.now()];
    try {
      readYamlCharacter(encoder.encode(text));
    } catch (error) {
      outcome = (error as Error).message.replace("The YAML character file ", "").slice(0, 60);
    }
    cpu.push(cpuMs() - startCpu);
    wall.push(performance.now() - start);
  }
  const median = (list: number[]) => list.sort((a, b) => a - b)[2]!;
  return { ms: median(cpu), wall: median(wall), outcome };
}

console.log(`# Part 1: the largest accepted file of each shape, read (load ${loadAverage()})\n`);
console.log(
  "| shape | repeats | bytes | read: CPU ms (wall ms), median of 5 | outcome |\n|---|---|---|---|---|",
);
const worst: Array<{ name: string; text: string; ms: number }> = [];
for (const [name, shape] of Object.entries(SHAPES)) {
  const n = largestAccepted(shape);
  const text = shape(n);
  const { ms, wall, outcome } = read(text);
  worst.push({ name, text, ms });
  console.log(
    `| ${name} | ${n} | ${text.length} | ${ms.toFixed(1)} (${wall.toFixed(1)}) | ${outcome} |`,
  );
}
worst.sort((a, b) => b.ms - a.ms);
console.log(`\nSlowest accepted file: ${worst[0]!.name}, ${worst[0]!.ms.toFixed(1)} ms of CPU`);

/** The hostile files of part 2: review25's 49 KB of commas and the slowest accepted files. */
const HOSTILE: Array<[string, string]> = [
  ["49,000 commas (review25)", `name: x\nd: [${",".repeat(49_000)}]\n`],
  ["24,000 anchors (review25)", `name: x\nd: ${"&a ".repeat(24_000)}x\n`],
  ...worst.slice(0, 2).map((
    { name, text },
  ): [string, string] => [`slowest accepted: ${name}`, text]),
];

/** The longest gap between a client's ping answers while `uploads` uploads of `body` run. */
async function pingGap(tree: string, body: string): Promise<{ gap: number; statuses: string }> {
  const server = await spawnServer({}, [], `${tree}/main.ts`);
  const client = await RpcClient.connect(server.wsUrl, ["mcp"]);
  try {
    let stop = false;
    let gap = 0;
    // A ping unanswered for a minute ends the loop (the gap is then at least that).
    const pinger = (async () => {
      while (!stop) {
        const start = performance.now();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise((resolve) => timer = setTimeout(resolve, 60_000, "late"));
        const answer = await Promise.race([client.call("ping", {}), late]);
        clearTimeout(timer);
        gap = Math.max(gap, performance.now() - start);
        if (answer === "late") return;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answers = await Promise.all(
      Array.from({ length: uploads }, async () => {
        const response = await fetch(`${server.apiUrl}/personas/import`, {
          method: "POST",
          headers: { "content-type": "application/yaml" },
          body,
        });
        await response.body?.cancel();
        return response.status;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await pinger;
    return { gap, statuses: [...new Set(answers)].join("/") };
  } finally {
    await client.close();
    await server.stop();
  }
}

if (Deno.args.includes("--no-server")) Deno.exit(0);
const trees: Array<[string, string]> = [["this tree", new URL("../..", import.meta.url).pathname]];
if (base) trees.push(["base", base]);
console.log(
  `\n# Part 2: longest ping gap during ${uploads} uploads at once (load ${loadAverage()})\n`,
);
console.log(
  `| file | ${trees.map(([label]) => `${label}: gap ms (status)`).join(" | ")} |\n|---|${
    trees.map(() => "---|").join("")
  }`,
);
for (const [label, body] of HOSTILE) {
  const cells: string[] = [];
  for (const [, tree] of trees) {
    const { gap, statuses } = await pingGap(tree, body);
    cells.push(`${gap.toFixed(0)} (${statuses})`);
  }
  console.log(`| ${label} | ${cells.join(" | ")} |`);
}
