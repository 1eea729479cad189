/**
 * Copies Swagger UI (the API reference at `/api/docs`) from the pinned `npm:swagger-ui-dist`
 * into `swagger_ui/`, with its licence texts (`deno task gen`). The server embeds the two files
 * it serves (1.9 MB) rather than depending on the package: Deno installs a dependency whole on
 * the first start (12 MB unpacked, plus a build script it warns about). The package is a build
 * input, scoped to this file in `deno.json` and pinned in `tests/deno.lock`;
 * `gen_swagger_ui_test.ts` checks that the copies are current.
 *
 * @module
 */
import bundle from "swagger-ui-dist/swagger-ui-bundle.js" with { type: "text" };
import style from "swagger-ui-dist/swagger-ui.css" with { type: "text" };

/** The folder of the copies. */
export const SWAGGER_UI_DIR = new URL("./swagger_ui/", import.meta.url);

/** Licence texts copied beside the files (Apache-2.0; the bundle's third-party notices). */
const LICENCES = ["LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"];

/** The copies, by file name in {@linkcode SWAGGER_UI_DIR}, with the package's names. */
export async function swaggerUiFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {
    "swagger-ui-bundle.js": bundle,
    "swagger-ui.css": style,
  };
  for (const name of LICENCES) {
    files[name] = await Deno.readTextFile(new URL(import.meta.resolve(`swagger-ui-dist/${name}`)));
  }
  return files;
}

if (import.meta.main) {
  for (const [name, text] of Object.entries(await swaggerUiFiles())) {
    await Deno.writeTextFile(new URL(name, SWAGGER_UI_DIR), text);
  }
}
