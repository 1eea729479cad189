import { z } from "zod";
import { defineHandler } from "../../core/server/define_handler.ts";
import { settingsView } from "../../core/server/settings_view.ts";

/** The settings the server runs with, secrets masked. */
export default defineHandler({
  method: "system.settings",
  description: "Every setting the server runs with, by group, secrets masked",
  params: z.strictObject({}),
  result: "`{settings: [{name, group, value, default, description, secret}]}`; a secret's " +
    'value is `"********"` when set, and credentials inside URLs are masked too',
  handle(_params, ctx) {
    return { settings: settingsView(ctx.config), log_level: ctx.log.level?.() ?? null };
  },
});
