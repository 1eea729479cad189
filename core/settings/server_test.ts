import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../config.ts";

const GOOD = "0123456789abcdef-0123456789abcdef";

function refusal(env: Record<string, string>): string {
  try {
    loadConfig({ env, dotenv: "" });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(Object.keys(env))}`);
}

Deno.test("AUTH_TOKEN with whitespace, control or non-token characters is refused, hidden", () => {
  for (
    const token of [
      " ".repeat(20),
      "tok with spaces 123456",
      "token-0123456789abcdef\n",
      "token-0123456789\tabcdef",
      "token-0123456789\u0000abcdef",
      'token-0123456789"abcdef',
      "token-0123456789abcdéf",
    ]
  ) {
    const message = refusal({ AUTH_TOKEN: token });
    assert.match(message, /^Invalid setting AUTH_TOKEN=\(hidden\): may hold only letters, digits/);
    assert.match(message, /RFC 6750/);
    assert.ok(!message.includes("0123456789"), "the value is never shown");
  }
});

Deno.test("AUTH_TOKEN with fewer than 8 different characters is refused as guessable", () => {
  for (const token of ["a".repeat(32), "ab".repeat(16), "0123456".repeat(4)]) {
    assert.match(
      refusal({ AUTH_TOKEN: token }),
      /^Invalid setting AUTH_TOKEN=\(hidden\): is too easy to guess: .*8 different/,
    );
  }
  for (
    const token of ["01234567".repeat(2), GOOD, "correct-horse-battery-staple", "YWJjZGVm+/x_~.Q=="]
  ) {
    assert.equal(loadConfig({ env: { AUTH_TOKEN: token }, dotenv: "" }).AUTH_TOKEN, token);
  }
});

Deno.test("AUTH_TOKEN_FILE: the token read from a file, its final newline dropped", () => {
  const dir = Deno.makeTempDirSync({ prefix: "persona-token-" });
  try {
    for (const ending of ["", "\n", "\r\n"]) {
      Deno.writeTextFileSync(`${dir}/token`, `${GOOD}${ending}`);
      const config = loadConfig({ env: { AUTH_TOKEN_FILE: `${dir}/token` }, dotenv: "" });
      assert.equal(config.AUTH_TOKEN, GOOD);
    }
    Deno.writeTextFileSync(`${dir}/token`, `${GOOD}\n\n`);
    const twoLines = refusal({ AUTH_TOKEN_FILE: `${dir}/token` });
    assert.match(twoLines, /^Invalid setting AUTH_TOKEN_FILE=".*": the token in it may hold only/);
    assert.ok(!twoLines.includes(GOOD), "the file's content is never shown");
    Deno.writeTextFileSync(`${dir}/short`, "abc\n");
    assert.match(refusal({ AUTH_TOKEN_FILE: `${dir}/short` }), /at least 16 characters/);
    assert.match(
      refusal({ AUTH_TOKEN_FILE: `${dir}/missing` }),
      /^Invalid setting AUTH_TOKEN_FILE=".*missing": cannot read it/,
    );
    Deno.writeTextFileSync(`${dir}/token`, GOOD);
    assert.match(
      refusal({ AUTH_TOKEN_FILE: `${dir}/token`, AUTH_TOKEN: GOOD }),
      /set AUTH_TOKEN or AUTH_TOKEN_FILE, not both/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
