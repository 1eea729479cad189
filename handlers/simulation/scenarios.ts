import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { tickCount } from "../../core/simulation/mod.ts";

/** The scenarios a simulation can be started with. */
export default defineHandler({
  method: "simulation.scenarios",
  description: "The chatroom scenarios this server can simulate (simulation.start runs one)",
  params: z.strictObject({}),
  result: "`{scenarios: [{name, description, seed, model, ticks, tick_seconds, topics, " +
    "personas: [name]}]}`",
  handle(_params, ctx) {
    return {
      scenarios: ctx.simulations.scenarios().map((scenario) => ({
        name: scenario.name,
        description: scenario.description,
        seed: scenario.seed,
        model: scenario.model,
        ticks: tickCount(scenario),
        tick_seconds: scenario.tick_seconds,
        topics: scenario.topics,
        personas: scenario.personas.map((persona) =>
          typeof persona === "string" ? persona : persona.name
        ),
      })),
    };
  },
});
