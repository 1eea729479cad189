import assert from "node:assert/strict";
import { ConfigError } from "../config.ts";
import { definePlugin, selectPlugins } from "./plugin.ts";

const visual = definePlugin({ name: "visual", description: "Scenes" });
const dice = definePlugin({ name: "dice", description: "Rolls" });

Deno.test("selectPlugins enables a plugin named twice in PLUGINS once, in the order first named", () => {
  const picked = selectPlugins([visual, dice], ["dice", "visual", "dice", "visual"]);
  assert.deepEqual(picked.map((plugin) => plugin.name), ["dice", "visual"]);
});

Deno.test("selectPlugins refuses an unknown name with the PLUGINS setting error", () => {
  assert.throws(
    () => selectPlugins([visual], ["visual", "nope"]),
    (error) =>
      error instanceof ConfigError &&
      /Invalid setting PLUGINS: unknown plugin "nope" \(available: visual\)/.test(error.message),
  );
});
