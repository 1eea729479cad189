import assert from "node:assert/strict";
import { SWAGGER_UI_DIR, swaggerUiFiles } from "./gen_swagger_ui.ts";

Deno.test("the embedded Swagger UI is the pinned npm:swagger-ui-dist's, licences included (run `deno task gen`)", async () => {
  const files = await swaggerUiFiles();
  assert.ok(files["swagger-ui-bundle.js"]!.length > 1_000_000, "the bundle was read");
  const copied = [...Deno.readDirSync(SWAGGER_UI_DIR)].map((entry) => entry.name).sort();
  assert.deepEqual(copied, Object.keys(files).sort());
  for (const [name, text] of Object.entries(files)) {
    const copy = await Deno.readTextFile(new URL(name, SWAGGER_UI_DIR));
    assert.ok(
      copy === text,
      `swagger_ui/${name} differs from the package's: run \`deno task gen\``,
    );
  }
});
