import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { InvalidInput } from "../../core/errors.ts";

/** Changes the server's log level until it restarts. */
export default defineHandler({
  method: "system.set_log_level",
  description: "Change the least severe level the server logs to stderr, until it restarts",
  params: z.strictObject({ level: z.enum(["debug", "info", "warn", "error"]) }),
  result: "`{log_level, previous}`",
  errors: ["invalid_input"],
  handle(params, ctx) {
    const { log } = ctx;
    if (!log.setLevel || !log.level) {
      throw new InvalidInput("This server's logger has a fixed level", [
        { field: "level", message: "cannot be changed on this server" },
      ]);
    }
    const previous = log.level();
    log.setLevel(params.level);
    return { log_level: params.level, previous };
  },
});
