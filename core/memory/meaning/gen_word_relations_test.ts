/**
 * The committed `word_relations.gen.json` is what its generator writes today (`deno task
 * gen:relations`): an analyser change that moves a phrase's key (a stop word, a texting spelling)
 * or a generator change fails here until the file is regenerated. The generator runs as the task
 * runs it, with its own lock and the npm packages it reads (about 20 s quiet), but may not write.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../../", import.meta.url);

/** The task's command line, split into `deno`'s arguments, without its write permission. */
function taskArguments(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(new URL("deno.json", ROOT))) as {
    tasks: Record<string, string>;
  };
  const [deno, ...args] = config.tasks["gen:relations"]!.split(/\s+/);
  assert.equal(deno, "deno");
  return args.filter((arg) => !arg.startsWith("--allow-write"));
}

Deno.test("word_relations.gen.json is what `deno task gen:relations` writes (--check)", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [...taskArguments(), "--check"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const said = new TextDecoder().decode(output.stderr) + new TextDecoder().decode(output.stdout);
  assert.equal(output.code, 0, said);
  assert.match(said, /is up to date/);
});
