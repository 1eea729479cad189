/**
 * The chatroom simulation against the real engine and a real SQLite file (scripted model):
 * reproducibility, every conversation ends, scores in range, cooldowns, and relationships and
 * energy that move by the documented rules.
 */
import assert from "node:assert/strict";
import { turnContext, turnMinutes } from "../core/dialogue/mod.ts";
import { applyInteraction, relationshipStrength } from "../core/relationships/mod.ts";
import { round } from "../core/relationships/rules.ts";
import type { RelationshipValues } from "../core/relationships/mod.ts";
import { runSimulation, type SimulationReport } from "../core/simulation/mod.ts";
import { testLogger } from "./_helpers.ts";
import { runKept, sampleScenario, transcript } from "./_simulation.ts";

Deno.test("a seeded run is reproducible turn for turn; another seed gives another", async () => {
  const first = await runKept(sampleScenario({ seed: 7, ticks: 60 }));
  const again = await runKept(sampleScenario({ seed: 7, ticks: 60 }));
  const other = await runKept(sampleScenario({ seed: 8, ticks: 60 }));
  assert.ok(first.summary.turns >= 20, `enough turns to compare (${first.summary.turns})`);
  assert.deepEqual(transcript(again), transcript(first));
  // Persona and conversation ids are random UUIDs; everything else must match.
  const series = (r: SimulationReport) => ({
    relationships: r.relationships.map(({ pair, points }) => ({ pair, points })),
    energy: r.energy.map(({ name, points }) => ({ name, points })),
    summary: r.summary,
  });
  assert.deepEqual(series(again), series(first), "relationship and energy series too");
  assert.notDeepEqual(transcript(other), transcript(first));
  assert.equal(first.model.kind, "scripted");
  assert.match(first.model.label, /scripted/);
});

Deno.test("every conversation ends (also in the database); scores stay in 0..100", async () => {
  // Five ticks: conversations are still going when the run stops.
  await runKept(sampleScenario({ ticks: 5, start_chance: 1 }), async (services, report) => {
    assert.ok(report.conversations.length >= 2);
    for (const c of report.conversations) {
      assert.equal(c.end_reason, "simulation_ended");
      assert.equal(c.ended_tick, 5);
      const status = await services.dialogues.status(c.id);
      assert.equal(status.ended, true, `conversation ${c.index} ended in the engine`);
      assert.equal(status.end_reason, "simulation_ended");
      assert.equal(status.turn_count, c.turns.length);
    }
  });
  await runKept(sampleScenario({ ticks: 150, seed: 3 }), async (services, report) => {
    const active = await services.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM dialogues WHERE status = 'active'",
    );
    assert.equal(active?.n, 0);
    const natural = report.conversations.filter((c) => c.end_reason !== "simulation_ended");
    assert.ok(natural.length >= 3, "most conversations end on their own");
    for (const c of report.conversations) {
      assert.ok(c.end_reason, `conversation ${c.index} has an end reason`);
      assert.ok(c.turns.length >= 1);
      c.turns.forEach((turn, i) => {
        assert.equal(turn.turn_number, i + 1);
        assert.ok(turn.continue_score >= 0 && turn.continue_score <= 100, `${turn.continue_score}`);
        assert.ok(turn.quality >= -1 && turn.quality <= 1);
        assert.ok(turn.reasons.length >= 6);
        if (i > 0) assert.notEqual(turn.speaker_id, c.turns[i - 1]!.speaker_id);
      });
      const last = c.turns.at(-1)!;
      if (c.end_reason !== "simulation_ended") assert.equal(last.response_type, "closing");
    }
    const pairs = report.energy.flatMap((s) => s.points);
    for (const point of pairs) assert.ok(point.social_energy >= 0 && point.social_energy <= 100);
  });
});

function conversationsOf(report: SimulationReport, name: string) {
  return report.conversations.filter((c) => c.participants.some((p) => p.name === name));
}

Deno.test("cooldowns hold: nobody starts a conversation before their cooldown ends", async () => {
  const report = await runKept(
    sampleScenario({ ticks: 200, seed: 5, settings: { DIALOGUE_COOLDOWN_S: 900 } }),
  );
  let checked = 0;
  for (const persona of report.personas) {
    const mine = conversationsOf(report, persona.name);
    for (let i = 1; i < mine.length; i++) {
      const until = mine[i - 1]!.cooldown_until[persona.name];
      assert.ok(until, `${persona.name} cooled down after conversation ${mine[i - 1]!.index}`);
      assert.ok(
        Date.parse(mine[i]!.started_at) >= Date.parse(until),
        `${persona.name} started #${mine[i]!.index} at ${
          mine[i]!.started_at
        }, cooldown until ${until}`,
      );
      // A 900 s base cooldown is at least 450 s (a good talk halves it).
      assert.ok(Date.parse(until) - Date.parse(mine[i - 1]!.ended_at!) >= 450_000);
      checked++;
    }
  }
  assert.ok(checked >= 5, `several personas talked more than once (${checked} gaps checked)`);
});

Deno.test("relationships move exactly as the documented rules say, turn by turn", async () => {
  const report = await runKept(sampleScenario({ ticks: 90, seed: 11 }));
  const interest = (name: string, topic: string) =>
    (report.personas.find((p) => p.name === name)!.topic_preferences[topic] ?? 50) / 100;
  const key = (a: string, b: string) => [a, b].sort().join("|");
  const replay = new Map<string, RelationshipValues & { count: number }>();
  const turns = report.conversations.flatMap((c) => c.turns.map((turn) => ({ c, turn })))
    .sort((x, y) => x.turn.tick - y.turn.tick || x.c.index - y.c.index);
  for (const { c, turn } of turns) {
    for (const listener of c.participants.filter((p) => p.name !== turn.speaker)) {
      const k = key(turn.speaker, listener.name);
      const before = replay.get(k) ?? { affinity: 0, trust: 0, respect: 0, intimacy: 0, count: 0 };
      const context = turnContext(
        turn,
        Math.min(interest(listener.name, c.topic), interest(turn.speaker, c.topic)),
      );
      const after = applyInteraction(before, {
        quality: turn.quality,
        duration_minutes: turnMinutes(turn.content, 3),
        context,
      });
      replay.set(k, {
        affinity: round(after.affinity),
        trust: round(after.trust),
        respect: round(after.respect),
        intimacy: round(after.intimacy),
        count: before.count + 1,
      });
    }
  }
  let met = 0;
  for (const series of report.relationships) {
    const [a, b] = series.pair.split(" & ");
    const expected = replay.get(key(a!, b!));
    const last = series.points.at(-1)!;
    assert.equal(last.interactions, expected?.count ?? 0, series.pair);
    if (!expected) continue;
    met++;
    assert.equal(last.affinity, expected.affinity, `${series.pair} affinity`);
    assert.equal(last.trust, expected.trust, `${series.pair} trust`);
    // The report keeps 3 decimals of strength, the rules 4.
    assert.ok(
      Math.abs(last.strength - relationshipStrength(expected)) <= 0.0005,
      `${series.pair} strength`,
    );
    assert.ok(last.strength > 0, `${series.pair} grew closer after good talks`);
  }
  assert.ok(met >= 4, `several pairs met (${met})`);
});

Deno.test("energy drains while a persona talks and comes back while it rests", async () => {
  const report = await runKept(sampleScenario({ ticks: 120, seed: 2 }));
  let drained = 0;
  let rested = 0;
  for (const series of report.energy) {
    const talking = (tick: number) =>
      report.conversations.some((c) =>
        c.participants.some((p) => p.id === series.persona_id) &&
        c.started_tick <= tick && (c.ended_tick ?? Infinity) >= tick
      );
    for (let i = 1; i < series.points.length; i++) {
      const [before, now] = [series.points[i - 1], series.points[i]];
      if (!talking(now!.tick) && !talking(before!.tick)) {
        assert.ok(
          now!.social_energy >= before!.social_energy,
          `${series.name} rests at ${now!.tick}`,
        );
        if (now!.social_energy > before!.social_energy) rested++;
      }
    }
    for (const c of conversationsOf(report, series.name)) {
      const start = series.points.find((p) => p.tick === c.started_tick - 1)!;
      const end = series.points.find((p) => p.tick === c.ended_tick)!;
      if (c.turns.length >= 4) {
        assert.ok(end.social_energy < start.social_energy, `${series.name} tires in #${c.index}`);
        drained++;
      }
    }
  }
  assert.ok(drained >= 4 && rested >= 4, `drained ${drained}, rested ${rested}`);
  for (const c of report.conversations) {
    // The first turn's energy factor is 15 × the lowest social energy at the start / 100.
    const lowest = c.turns[0]!.factors.energy! * 100 / 15;
    assert.ok(lowest >= 40 - 0.5, `#${c.index} started with everyone rested (${lowest})`);
  }
});

Deno.test("a named data directory keeps its personas and relationships from run to run", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "persona-simdir-" });
  try {
    const options = { env: { ENV_FILE: "/nonexistent" }, dotenv: "", log: testLogger() };
    const scenario = sampleScenario({ ticks: 40, data_dir: dataDir });
    const first = await runSimulation(scenario, options);
    // The second evening starts later, after everyone has rested.
    const second = await runSimulation(
      { ...scenario, start_time: "2026-01-02T18:00:00Z", seed: 99 },
      options,
    );
    assert.equal(second.run.data_dir, dataDir);
    assert.deepEqual(second.personas.map((p) => p.id), first.personas.map((p) => p.id));
    for (const [i, series] of second.relationships.entries()) {
      const before = first.relationships[i]!.points.at(-1)!;
      assert.equal(series.points[0]!.interactions, before.interactions, series.pair);
      assert.equal(series.points[0]!.strength, before.strength, series.pair);
    }
    await assert.rejects(
      runSimulation({ ...scenario, personas: ["Aria", "Nobody"] }, options),
      /Unknown persona "Nobody": not in the data directory and not a built-in one \(Aria, Kira\)/,
    );
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("every turn becomes a memory of everyone present: said by the speaker, heard by the rest", async () => {
  await runKept(sampleScenario({ ticks: 60, seed: 4 }), async (services, report) => {
    let checked = 0;
    for (const entry of report.personas) {
      const persona = await services.personas.get(entry.id);
      const { memories, total } = await services.memory.list(persona, { limit: 10_000, offset: 0 });
      const summary = report.summary.personas.find((p) => p.name === entry.name)!;
      assert.equal(summary.memories, total, `${entry.name}: the report counts the memories`);
      const mine = conversationsOf(report, entry.name);
      assert.equal(total, mine.reduce((sum, c) => sum + c.turns.length, 0), entry.name);
      for (const c of mine) {
        const kept = memories.filter((m) => m.metadata.conversation_id === c.id);
        assert.equal(
          kept.length,
          c.turns.length,
          `${entry.name} remembers every turn of #${c.index}`,
        );
        for (const turn of c.turns) {
          const said = turn.speaker === entry.name;
          const match = kept.find((m) =>
            m.content.endsWith(`: ${turn.content}`) && m.memory_type === "conversation" &&
            (said ? m.content.startsWith("I said") : m.content.startsWith(`${turn.speaker} said`))
          );
          assert.ok(match, `${entry.name} remembers turn ${turn.turn_number} of #${c.index}`);
          assert.equal(match.emotional_valence, turn.quality, "the turn's quality is its valence");
          kept.splice(kept.indexOf(match), 1);
          checked++;
        }
      }
    }
    assert.ok(checked >= 40, `${checked} memories checked`);
  });
});
