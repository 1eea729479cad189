import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { InvalidInput } from "../../core/errors.ts";

/**
 * Changes the server's log level until it restarts: server-wide, so every change is logged at
 * warn with the session that made it, and ALLOW_CLIENT_LOG_LEVEL=false leaves it to the operator.
 */
export default defineHandler({
  method: "system.set_log_level",
  description: "Change the least severe level the server logs to stderr, until it restarts",
  params: z.strictObject({ level: z.enum(["debug", "info", "warn", "error"]) }),
  result: "`{log_level, previous}`",
  errors: ["invalid_input"],
  handle(params, ctx) {
    const { log, session } = ctx;
    if (!ctx.config.ALLOW_CLIENT_LOG_LEVEL) {
      throw new InvalidInput("The operator fixed this server's log level", [
        { field: "level", message: "cannot be changed by clients (ALLOW_CLIENT_LOG_LEVEL=false)" },
      ]);
    }
    if (!log.setLevel || !log.level) {
      throw new InvalidInput("This server's logger has a fixed level", [
        { field: "level", message: "cannot be changed on this server" },
      ]);
    }
    const previous = log.level();
    // Before the change, so that it is written even when the new level is "error".
    log.warn("A client changed the log level", {
      from: previous,
      to: params.level,
      session: session.id,
      transport: session.kind,
    });
    log.setLevel(params.level);
    return { log_level: params.level, previous };
  },
});
