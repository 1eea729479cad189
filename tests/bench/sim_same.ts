/**
 * Whether two checkouts simulate alike (`deno task bench:sim:same --tree PATH`): the same seeded
 * scenario and the same WebSocket conversations as `bench:sim` run on this checkout's code and
 * on the code at PATH (a baseline, e.g. `git archive main | tar -x -C /tmp/base`), and their
 * outcomes must be equal: every turn (speaker, content, scores, reasons, routing, quality), the
 * relationship and energy series, and what every persona remembers at the end (each memory's
 * content, type, importance, valence, visibility, access count and last access). Ids are random
 * UUIDs, so memories are compared by persona name and content. A speed-up that changed a result
 * shows here as the first difference; exits 1 then.
 *
 *   deno task bench:sim:same --tree PATH [--turns 300]
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Persona } from "../../core/personas/mod.ts";
import type { Services } from "../../core/services.ts";
import { numberFlag, stringFlag } from "./_load.ts";
import { startSimServer } from "./_sim_server.ts";

const turns = numberFlag(Deno.args, "turns", 300);
const baseline = stringFlag(Deno.args, "tree");
if (!baseline) {
  console.error("usage: deno task bench:sim:same --tree PATH [--turns 300]");
  Deno.exit(2);
}
const here = new URL("../..", import.meta.url).pathname;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * `value` with persona ids (random UUIDs) replaced by names, and other ids by a placeholder. A
 * pair is stored in the order of its ids, so its two names are put in order.
 */
function named<T>(value: T, names: ReadonlyMap<string, string>): T {
  const json = JSON.stringify(value).replace(UUID, (id) => names.get(id) ?? "<id>");
  return JSON.parse(json, (_key, field) => {
    if (field?.persona1_id !== undefined && field.persona1_id > field.persona2_id) {
      [field.persona1_id, field.persona2_id] = [field.persona2_id, field.persona1_id];
    }
    return field;
  });
}

/** What every persona remembers, by name, in a stable order. */
async function memoriesOf(services: Services, personas: readonly Persona[]) {
  const kept: Record<string, unknown[]> = {};
  for (const persona of personas) {
    const { memories } = await services.memory.list(persona, { limit: 100_000, offset: 0 });
    kept[persona.name] = memories.map((m) => ({
      content: m.content,
      type: m.memory_type,
      importance: m.importance,
      valence: m.emotional_valence,
      visibility: m.visibility,
      accessed: m.accessed_count,
      last: m.last_accessed,
      created: m.created_at,
    })).sort((a, b) =>
      a.created.localeCompare(b.created) || a.content.localeCompare(b.content) ||
      a.accessed - b.accessed
    );
  }
  return kept;
}

/** The outcome of the in-process simulation and of the WebSocket conversations on `tree`. */
async function outcome(tree: string) {
  const simulation: typeof import("../_simulation.ts") = await import(
    `${tree}/tests/_simulation.ts`
  );

  // 1. The simulation loop, as `deno task sim` runs it.
  let simulated: unknown = null;
  const report = await simulation.runKept(
    simulation.sampleScenario({
      seed: 11,
      ticks: 1_000_000,
      max_turns: turns,
      start_chance: 1,
      max_concurrent: 2,
      group_size: { min: 2, max: 3 },
    }),
    async (services, report) => {
      const personas = await Promise.all(report.personas.map((p) => services.personas.get(p.id)));
      simulated = await memoriesOf(services, personas);
    },
  );
  const loop = {
    transcript: simulation.transcript(report),
    relationships: report.relationships.map(({ pair, points }) => ({ pair, points })),
    energy: report.energy.map(({ name, points }) => ({ name, points })),
    summary: report.summary,
    memories: simulated,
  };

  // 2. The server over a real WebSocket, turn after turn (as `bench:sim` drives it).
  const sim = await startSimServer(tree);
  try {
    const names = new Map(sim.roster.map((p) => [p.id, p.name]));
    const said: unknown[] = [];
    await sim.converse(turns, ({ result }) => said.push(result));
    const relationships = [];
    for (const [i, a] of sim.roster.entries()) {
      for (const b of sim.roster.slice(i + 1)) {
        const values = await sim.rpc("relationship.get", { persona1_id: a.id, persona2_id: b.id });
        relationships.push({ pair: [a.name, b.name], values });
      }
    }
    return {
      loop: named(loop, new Map(report.personas.map((p) => [p.id, p.name]))),
      server: named(
        { said, relationships, memories: await memoriesOf(sim.services, sim.roster) },
        names,
      ),
    };
  } finally {
    await sim.close();
  }
}

const ours = await outcome(here);
const theirs = await outcome(baseline);
const failures: string[] = [];
for (const part of ["loop", "server"] as const) {
  try {
    assert.deepEqual(ours[part], theirs[part]);
  } catch (error) {
    failures.push(`${part}: ${(error as Error).message.slice(0, 3000)}`);
  }
}
const counted = `${ours.loop.transcript.flatMap((c) => c.turns).length} loop turns, ` +
  `${ours.server.said.length} server turns`;
if (failures.length > 0) {
  console.error(`DIFFERENT from ${baseline} (${counted}):\n${failures.join("\n")}`);
  Deno.exit(1);
}
console.log(`same as ${baseline}: ${counted}, relationships, energy and every memory`);
