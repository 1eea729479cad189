/**
 * CPU per call of three paths of a dialogue turn, this checkout against another side by side in
 * one process (alternating rounds, medians): a turn's claim and commit (`claim` then
 * `commitClaimed` with no work), the emotions of a two-person turn (`talkAll` in a transaction),
 * and the turn's read of its conversation (`findWithTurns`, six turns so far). Each tree runs on a
 * fresh SQLite file of its own; with `--pg URL` on PostgreSQL instead (schemas `sim_paths_a` and
 * `sim_paths_b`, made anew), timed by the wall clock (the statements wait on the server).
 *
 *   deno run -A --lock=tests/deno.lock tests/bench/sim_paths.ts --base PATH [--rounds 9] [--pg URL]
 *
 * @module
 */
import process from "node:process";
import { numberFlag, stringFlag } from "./_load.ts";
import { dialogue } from "../../core/storage/testing/contract_fixture.ts";

const here = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const base = stringFlag(Deno.args, "base") ?? "/tmp/base13";
const rounds = numberFlag(Deno.args, "rounds", 9);
const pg = stringFlag(Deno.args, "pg");
const calls = pg ? 300 : 2000;
const PATHS = ["commit", "talk", "load"] as const;

/** Milliseconds of CPU (SQLite) or of the wall clock (PostgreSQL). */
const clock = pg ? () => performance.now() : () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e3;
};

/** The three paths on `tree`'s code, over a database of its own with one dialogue. */
async function paths(tree: string, schema: string) {
  const storage = await import(`${tree}/core/storage/mod.ts`);
  const personas = await import(`${tree}/core/personas/mod.ts`);
  const dialogues = await import(`${tree}/core/dialogue/mod.ts`);
  const { dialogueMigrations } = await import(`${tree}/core/dialogue/migrations.ts`);
  const emotionRows = await import(`${tree}/core/emotions/repository.ts`);
  const { EmotionService } = await import(`${tree}/core/emotions/service.ts`);
  const { ManualClock } = await import(`${tree}/core/clock.ts`);
  let db;
  let dir: string | undefined;
  if (pg) {
    const admin = new storage.PostgresDatabase({
      url: pg,
      poolSize: 1,
      idleTimeoutS: 5,
      connectTimeoutS: 5,
    });
    await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    await admin.close();
    db = new storage.PostgresDatabase({
      url: pg,
      poolSize: 4,
      idleTimeoutS: 30,
      connectTimeoutS: 5,
      schema,
    });
  } else {
    dir = await Deno.makeTempDir({ prefix: "persona-bench-paths-" });
    db = new storage.SqliteDatabase(`${dir}/paths.db`, {});
  }
  await db.migrate([
    ...storage.storageMigrations,
    ...personas.personaMigrations,
    ...dialogueMigrations,
    ...emotionRows.emotionMigrations,
  ]);
  const time = new ManualClock();
  const people = new personas.PersonaService(new personas.PersonaRepository(db), time);
  const ada = await people.create(personas.PersonaCreate.parse({ name: "Ada" }));
  const bo = await people.create(personas.PersonaCreate.parse({ name: "Bo" }));
  const repository = new dialogues.DialogueRepository(db);
  // The row is plain data: this checkout's builder serves every tree's repository.
  await repository.create({ ...dialogue("d1", [ada.id, bo.id], 0), token_budget: 1e6 });
  for (let turn = 1; turn <= 6; turn++) {
    await repository.addTurn({
      dialogue_id: "d1",
      turn_number: turn,
      speaker_id: ada.id,
      speaker_name: "Ada",
      content: "Tea is lovely, is it not? ".repeat(4),
      continue_score: 70,
      reasons: ["interest"],
      factors: { interest: 1 },
      response_type: "full",
      quality: 0.3,
      tokens: 20,
      created_at: turn,
    });
  }
  const emotions = new EmotionService({
    repository: new emotionRows.EmotionRepository(db),
    clock: time,
    rules: {
      halfLifeMinutes: 60,
      energyRegenPerHour: 40,
      fatigueRecoveryPerHour: 60,
      minSocialEnergy: 20,
      maxFatigue: 80,
    },
  });
  const effect = (role: "speaker" | "listener") => ({ role, quality: 0.2, interest: 0.5 });
  let now = 1000;
  return {
    tree,
    close: async () => {
      await db.close();
      if (dir) await Deno.remove(dir, { recursive: true });
    },
    commit: async () => {
      const claim = await repository.claimTurn("d1", { now, until: now + 60_000 });
      now++;
      await repository.commitClaimed("d1", claim.token, async () => {});
    },
    talk: () =>
      db.transaction(() =>
        emotions.talkAll([
          { persona: ada, effect: effect("speaker") },
          { persona: bo, effect: effect("listener") },
        ])
      ),
    load: () => repository.findWithTurns("d1"),
  };
}

const trees = [await paths(here, "sim_paths_a"), await paths(base, "sim_paths_b")];
const figures = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  for (const tree of round % 2 ? [...trees].reverse() : trees) {
    for (const path of PATHS) {
      const started = clock();
      for (let i = 0; i < calls; i++) await tree[path]();
      const us = 1000 * (clock() - started) / calls;
      const key = `${path} ${tree.tree}`;
      // The first round warms up the JIT and the statement caches.
      if (round > 0) figures.set(key, [...figures.get(key) ?? [], us]);
    }
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const unit = pg ? "µs (wall)" : "µs of CPU";
console.log(`${calls} calls a round, ${rounds - 1} rounds after a warm-up; medians in ${unit}`);
for (const path of PATHS) {
  const [ours, theirs] = trees.map((tree) => median(figures.get(`${path} ${tree.tree}`)!));
  console.log(`${path}: this checkout ${ours!.toFixed(1)}, ${base} ${theirs!.toFixed(1)}`);
}
for (const tree of trees) await tree.close();
