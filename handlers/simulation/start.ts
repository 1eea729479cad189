import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { MODEL_CHOICES } from "../../core/simulation/mod.ts";

/** Starts a simulation in the background; its progress is read with simulation.status. */
export default defineHandler({
  method: "simulation.start",
  description:
    "Start a chatroom simulation of a scenario in the background, on its own temporary data; one runs at a time",
  params: z.strictObject({
    scenario: z.string().min(1).max(64).describe("A name from simulation.scenarios"),
    seed: z.number().int().min(0).max(0xffff_ffff).optional()
      .describe("Overrides the scenario's seed"),
    ticks: z.number().int().min(1).max(10_000).optional()
      .describe("Overrides the scenario's length"),
    model: z.enum(MODEL_CHOICES).optional()
      .describe("`scripted` needs no model; `ollama` falls back to scripted without one"),
  }),
  result: 'The run, as `simulation.status`: `{run_id, scenario, seed, status: "running", ...}`',
  errors: ["invalid_input", "busy"],
  handle(params, ctx) {
    return ctx.simulations.start(params);
  },
});
