import process from "node:process";
const trees = ["/tmp/base11", "/tmp/s2_new"];
function random(seed: number): () => number { return () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
async function run(tree: string) {
  const next = random(42);
  const SYL = ["ka", "lo", "mi", "ren", "ta", "shi", "vor", "el", "an", "dur", "is", "qua"];
  const vocab = Array.from({ length: 5000 }, () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => SYL[Math.floor(next() * SYL.length)]).join(""));
  const cum: number[] = []; vocab.reduce((s, _, r) => (cum[r] = s + 1 / (r + 1)), 0);
  const word = () => { const t = next() * cum.at(-1)!; let lo = 0, hi = cum.length - 1; while (lo < hi) { const m = (lo + hi) >> 1; if (cum[m]! < t) lo = m + 1; else hi = m; } return vocab[lo]!; };
  const sentence = (n: number) => Array.from({ length: n }, word).join(" ");
  const { memoryFixture, input } = await import(`${tree}/core/memory/testing/contract_fixture.ts`);
  const { SqliteBackend } = await import(`${tree}/core/memory/sqlite_backend.ts`);
  const { SqliteDatabase } = await import(`${tree}/core/storage/mod.ts`);
  const dir = await Deno.makeTempDir();
  const f = await memoryFixture((db: unknown) => new SqliteBackend(db), { database: new SqliteDatabase(`${dir}/p.db`, { checkpointInWorker: true }), settings: { autoPrune: false } });
  const batches = Array.from({ length: 5 }, () => Array.from({ length: 1000 }, () => input({ content: sentence(6 + Math.floor(next() * 15)) })));
  const c = cpu();
  for (const b of batches) await f.memory.storeMany(f.aria, b);
  const used = (cpu() - c) / 5000;
  await f.close(); await Deno.remove(dir, { recursive: true });
  return used;
}
const res: number[][] = [[], []];
await run(trees[0]); await run(trees[1]);
for (let r = 0; r < 5; r++) for (let k = 0; k < 2; k++) res[k].push(await run(trees[k]));
const med = (a: number[]) => a.toSorted((x, y) => x - y)[2];
console.log("bulk cpu µs/memory base", med(res[0]).toFixed(1), res[0].map((x) => x.toFixed(0)).join(" "), "new", med(res[1]).toFixed(1), res[1].map((x) => x.toFixed(0)).join(" "), "ratio", (med(res[1]) / med(res[0])).toFixed(3));
console.log(Deno.loadavg());
