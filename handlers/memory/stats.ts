import getStats from "./get_stats.ts";
import { defineHandler } from "../../core/server/define_handler.ts";

/** `memory.stats`: the original project's name for `memory.get_stats`. */
export default defineHandler({
  ...getStats,
  method: "memory.stats",
  description: "Alias of memory.get_stats",
});
