/**
 * How far one activation runs past its time budget (`LORE_TIME_BUDGET_MS`, 250 ms), side by side
 * with another tree: attack28's legal World Info of 5,000 entries × 60 regex keys
 * (`/(x|y)*z{i}_{k}[a-z]{0,20}q/i`, each scanning its whole window) over 5 messages of ~15,000
 * characters, the budget spent after a few hundred keys. Prints per tree the median, smallest and
 * largest wall time of `activateLore` (the book built once; 1 warm-up call, then `--rounds`), and
 * the time from the clock read that found the budget spent to the answer (what the budget does
 * not bound: the key in progress before it, cutting the entries left after it).
 * Run: `deno run -A tests/bench/lore_time_overshoot.ts --tree /tmp/base28 [--rounds 7]`.
 */
/** `--name value` or `--name=value` from the command line. */
function arg(name: string): string | undefined {
  const at = Deno.args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) return undefined;
  const given = Deno.args[at] ?? "";
  return given.includes("=") ? given.slice(given.indexOf("=") + 1) : Deno.args[at + 1];
}
const args = { tree: arg("tree"), rounds: arg("rounds"), child: arg("child") };

async function measure(root: string, rounds: number): Promise<void> {
  const { lorebookFromDocument } = await import(`${root}/core/lore/formats.ts`);
  const { activateLore } = await import(`${root}/core/lore/activate.ts`);
  const entries: Record<string, unknown> = {};
  for (let i = 0; i < 5000; i++) {
    const key = Array.from({ length: 60 }, (_, k) => `/(x|y)*z${i}_${k}[a-z]{0,20}q/i`);
    entries[i] = { uid: i, key, content: "c".repeat(200), order: i, useProbability: false };
  }
  const book = lorebookFromDocument({ entries }).book;
  const text = ("xyxyxyxy".repeat(190) + "z1_1 ").repeat(10);
  const messages = Array.from({ length: 5 }, () => ({ name: "u", text }));
  const walls: number[] = [];
  const tails: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    let spentAt = -1;
    const start = performance.now();
    const now = () => {
      const t = performance.now();
      if (spentAt < 0 && t - start > 250) spentAt = t;
      return t;
    };
    activateLore({ books: [{ id: "b", name: "b", book }], messages, timeBudget: { ms: 250, now } });
    const end = performance.now();
    if (round === 0) continue;
    walls.push(end - start);
    tails.push(spentAt < 0 ? 0 : end - spentAt);
  }
  console.log(JSON.stringify({ walls, tails }));
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? NaN;

if (args.child) {
  await measure(args.child, Number(args.rounds ?? 7));
} else {
  const here = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
  for (const root of [args.tree ?? "/tmp/base28", here]) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--no-check",
        `--config=${root}/deno.json`,
        `--lock=${root}/tests/deno.lock`,
        new URL(import.meta.url).pathname,
        `--child=${root}`,
        `--rounds=${args.rounds ?? 7}`,
      ],
    }).output();
    const { walls, tails } = JSON.parse(new TextDecoder().decode(output.stdout));
    const ms = (v: number | undefined) => (v ?? NaN).toFixed(0);
    console.log(
      `${root}: activation median ${ms(median(walls))} ms (${ms(sorted(walls)[0])}-` +
        `${ms(sorted(walls).at(-1))}), past the spent budget median ${ms(median(tails))} ms`,
    );
  }
}
