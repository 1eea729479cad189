import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { MODEL_CHOICES } from "../../core/simulation/mod.ts";
import { MAX_TICKS, runEnvironment, scenarioFor } from "../../core/simulation/client_scenario.ts";
import { MAX_SIMULATIONS } from "../../core/simulation/runs.ts";

/** The run's params. */
const RunParams = z.strictObject({
  scenario: z.record(z.string(), z.unknown()).optional()
    .describe("A scenario in the scenario file's format; by default the sample tavern evening"),
  seed: z.number().int().min(0).max(0xffff_ffff).optional(),
  ticks: z.number().int().min(1).max(MAX_TICKS).optional(),
  model: z.enum(MODEL_CHOICES).optional()
    .describe("scripted (deterministic, instant) or ollama (falls back to scripted when absent)"),
  include_transcript: z.boolean().default(false),
});

/** Plays a chatroom simulation in a temporary world; progress each tick, the summary at the end. */
export default defineHandler({
  method: "simulation.run",
  description:
    "Run a chatroom simulation (a scenario, or the sample tavern evening) in a temporary world " +
    "that leaves this server's data alone; sends progress each tick, returns the summary; " +
    `at most ${MAX_SIMULATIONS} simulations run at once (this and simulation.start together), ` +
    "busy otherwise",
  params: RunParams,
  result: "`{scenario, seed, model, clock, summary, conversations: [{topic, participants, turns, " +
    "end_reason, transcript?}], run}` ([simulation](../core/simulation/README.md)); " +
    "`notifications/progress` each tick when the call carries a progress token",
  errors: ["invalid_input", "cancelled", "busy"],
  async handle(params, ctx) {
    const scenario = await scenarioFor(params, ctx.config);
    // The result holds the summary, never the per-tick series (play keeps their last points).
    const report = await ctx.simulations.play(scenario, {
      env: runEnvironment(ctx.config),
      log: ctx.log,
      signal: ctx.signal,
      onTick: (p) =>
        ctx.progress({
          progress: p.tick,
          total: p.ticks,
          message: `tick ${p.tick}/${p.ticks}: ${p.conversations} conversations, ${p.turns} turns`,
        }),
    });
    const { seed, model, clock, summary, run } = report;
    const conversations = report.conversations.map((c) => ({
      topic: c.topic,
      participants: c.participants.map((p) => p.name),
      turns: c.turns.length,
      end_reason: c.end_reason,
      ...(params.include_transcript
        ? { transcript: c.turns.map((t) => ({ speaker: t.speaker, content: t.content })) }
        : {}),
    }));
    return { scenario: scenario.name, seed, model, clock, summary, conversations, run };
  },
});
