import assert from "node:assert/strict";
import { DEV_LOCK_FLAG, REPO_ROOT } from "../../../tests/_helpers.ts";

const ENTRY = "core/server/web/app/main.tsx";
const BUNDLE = "core/server/web/app.gen.js";

Deno.test("the dashboard's checked-in bundle is what its sources build to (run `deno task gen`)", async () => {
  const out = await Deno.makeTempFile({ suffix: ".js" });
  try {
    const built = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        DEV_LOCK_FLAG,
        "--quiet",
        "--platform=browser",
        "--minify",
        `--output=${out}`,
        ENTRY,
      ],
      cwd: REPO_ROOT,
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.ok(built.success, new TextDecoder().decode(built.stderr));
    const fresh = await Deno.readTextFile(out);
    const checkedIn = await Deno.readTextFile(`${REPO_ROOT}/${BUNDLE}`);
    assert.ok(fresh === checkedIn, `${BUNDLE} is stale: run \`deno task gen\``);
  } finally {
    await Deno.remove(out);
  }
});

Deno.test("the dashboard bundle loads nothing from elsewhere", async () => {
  const bundle = await Deno.readTextFile(`${REPO_ROOT}/${BUNDLE}`);
  assert.doesNotMatch(bundle, /https?:\/\/(?!www\.w3\.org)/, "no outside URL in the script");
  assert.doesNotMatch(bundle, /\bimport\s*\(|\bfrom\s*["']/, "one self-contained script");
});
