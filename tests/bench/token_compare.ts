/**
 * AUTH_TOKEN comparison time by where a presented token differs: `tokenMatches` (SHA-256 of both,
 * then `timingSafeEqual`) beside a plain `===` in the same run, alternating rounds. A constant-time
 * comparison shows the same time whatever the token; `===` returns sooner the earlier the
 * difference (and at once for another length).
 *
 * Usage: `deno task bench:token [--rounds 7] [--iterations 200000]`
 *
 * @module
 */
import { parseArgs } from "node:util";
import { tokenMatches } from "../../core/server/security/auth.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    rounds: { type: "string", default: "7" },
    iterations: { type: "string", default: "200000" },
  },
});
const rounds = Number(values.rounds);
const iterations = Number(values.iterations);

// 64 hex characters, as `openssl rand -hex 32` makes; built at run time so V8 cannot intern pairs.
const expected = Array.from(
  crypto.getRandomValues(new Uint8Array(32)),
  (b) => b.toString(16).padStart(2, "0"),
).join("");
const flip = (at: number) =>
  expected.slice(0, at) + (expected[at] === "a" ? "b" : "a") + expected.slice(at + 1);
const presented: Record<string, string> = {
  "the right token": expected.split("").join(""),
  "first character wrong": flip(0),
  "last character wrong": flip(63),
  "16 characters": expected.slice(0, 16),
  "4,096 characters": expected.repeat(64),
};

function nsPerCall(compare: (a: string, b: string) => boolean, token: string): number {
  let matched = 0;
  const started = performance.now();
  for (let i = 0; i < iterations; i++) if (compare(expected, token)) matched++;
  const elapsed = performance.now() - started;
  if (matched !== 0 && matched !== iterations) throw new Error("inconsistent comparison");
  return (elapsed * 1e6) / iterations;
}

const plain = (a: string, b: string) => a === b;
const samples = new Map<string, { safe: number[]; plain: number[] }>();
for (let round = 0; round < rounds; round++) {
  for (const [label, token] of Object.entries(presented)) {
    const entry = samples.get(label) ?? { safe: [], plain: [] };
    entry.safe.push(nsPerCall(tokenMatches, token));
    entry.plain.push(nsPerCall(plain, token));
    samples.set(label, entry);
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const reference = median(samples.get("the right token")!.safe);
console.log(`| Presented token | tokenMatches, ns | vs right token | \`===\`, ns |`);
console.log(`| --- | ---: | ---: | ---: |`);
for (const [label, entry] of samples) {
  const safe = median(entry.safe);
  console.log(
    `| ${label} | ${safe.toFixed(0)} | ${(safe / reference).toFixed(2)} | ${
      median(entry.plain).toFixed(1)
    } |`,
  );
}
