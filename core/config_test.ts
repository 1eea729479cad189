import assert from "node:assert/strict";
import { ConfigError, loadConfig, parseDotenv, SETTINGS } from "./config.ts";

Deno.test("defaults bind 127.0.0.1 on 8000 and 8080 with data under data/", () => {
  const config = loadConfig({ env: {}, dotenv: "" });
  assert.equal(config.SERVER_HOST, "127.0.0.1");
  assert.equal(config.SERVER_PORT, 8000);
  assert.equal(config.API_PORT, 8080);
  assert.equal(config.DATA_DIR, "data");
  assert.equal(config.LOG_LEVEL, "info");
  assert.equal(config.MAX_FRAME_BYTES, 1_048_576);
  assert.deepEqual(config.CORS_ORIGINS, []);
});

Deno.test("later sources win: defaults < .env < environment < flags", () => {
  const dotenv = "SERVER_PORT=9001\nAPI_PORT=9002\nLOG_LEVEL=debug\nDATA_DIR=from-dotenv";
  const fromDotenv = loadConfig({ dotenv, env: {} });
  assert.equal(fromDotenv.SERVER_PORT, 9001);
  assert.equal(fromDotenv.DATA_DIR, "from-dotenv");

  const fromEnv = loadConfig({ dotenv, env: { SERVER_PORT: "9101", LOG_LEVEL: "warn" } });
  assert.equal(fromEnv.SERVER_PORT, 9101);
  assert.equal(fromEnv.API_PORT, 9002);
  assert.equal(fromEnv.LOG_LEVEL, "warn");

  const fromFlags = loadConfig({
    dotenv,
    env: { SERVER_PORT: "9101" },
    args: ["--server-port", "9201", "--LOG_LEVEL=error"],
  });
  assert.equal(fromFlags.SERVER_PORT, 9201);
  assert.equal(fromFlags.LOG_LEVEL, "error");
});

Deno.test("the dotenv file named by ENV_FILE is read", () => {
  const path = Deno.makeTempFileSync({ suffix: ".env" });
  Deno.writeTextFileSync(path, "API_PORT=9333 # a comment\n");
  try {
    assert.equal(loadConfig({ env: { ENV_FILE: path } }).API_PORT, 9333);
    assert.equal(loadConfig({ env: {}, args: [`--env-file=${path}`] }).API_PORT, 9333);
    assert.equal(loadConfig({ env: { ENV_FILE: "/nonexistent/.env" } }).API_PORT, 8080);
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("dotenv parsing strips inline comments and quotes", () => {
  assert.deepEqual(
    parseDotenv(`
      # a comment
      SERVER_HOST=localhost   # trailing comment
      DATA_DIR="my data # not a comment"
      export LOG_LEVEL='debug'
      broken line
      CORS_ORIGINS=
    `),
    {
      SERVER_HOST: "localhost",
      DATA_DIR: "my data # not a comment",
      LOG_LEVEL: "debug",
      CORS_ORIGINS: "",
    },
  );
});

Deno.test("ephemeral ports (0) are valid for both services", () => {
  const config = loadConfig({ env: { SERVER_PORT: "0", API_PORT: "0" }, dotenv: "" });
  assert.equal(config.SERVER_PORT, 0);
  assert.equal(config.API_PORT, 0);
});

Deno.test("invalid values fail with one line naming the setting and the allowed values", () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [
      { SERVER_PORT: "eighty" },
      /^Invalid setting SERVER_PORT="eighty": expected an integer from 0 to 65535$/,
    ],
    [
      { API_PORT: "70000" },
      /^Invalid setting API_PORT="70000": expected an integer from 0 to 65535$/,
    ],
    [
      { LOG_LEVEL: "loud" },
      /^Invalid setting LOG_LEVEL="loud": expected one of debug, info, warn, error$/,
    ],
    [
      { SERVER_PORT: "9000", API_PORT: "9000" },
      /^Invalid setting API_PORT=9000: must differ from SERVER_PORT/,
    ],
    [{ MAX_FRAME_BYTES: "-5" }, /^Invalid setting MAX_FRAME_BYTES="-5"/],
    [
      { MEMORY_BACKEND: "redis" },
      /^Invalid setting MEMORY_BACKEND="redis": expected one of sqlite, chroma, pgvector$/,
    ],
    [
      { MEMORY_DECAY_FLOOR: "2" },
      /^Invalid setting MEMORY_DECAY_FLOOR="2": expected a number from 0 to 1$/,
    ],
    [
      { MEMORY_DECAY_INTERVAL_S: "0" },
      /^Invalid setting MEMORY_DECAY_INTERVAL_S="0": expected a number above 0 and at most 604800$/,
    ],
    [
      { EMOTION_HALF_LIFE_MINUTES: "abc" },
      /^Invalid setting EMOTION_HALF_LIFE_MINUTES="abc": expected a number above 0$/,
    ],
    [
      { LLM_PROVIDER: "llamacpp" },
      /^Invalid setting LLM_PROVIDER="llamacpp": expected one of ollama, openai$/,
    ],
    [
      { LLM_PROVIDER: "openai" },
      /^Invalid setting LLM_PROVIDER=openai: set OPENAI_BASE_URL .*\/v1 included/,
    ],
    [
      { OPENAI_BASE_URL: "localhost:8080/v1" },
      /^Invalid setting OPENAI_BASE_URL="localhost:8080\/v1": expected an http:\/\/ or https:\/\/ URL$/,
    ],
    [
      { MEMORY_PRUNE_THRESHOLD: "100", MEMORY_PRUNE_TARGET: "100" },
      /^Invalid setting MEMORY_PRUNE_TARGET=100: must be below MEMORY_PRUNE_THRESHOLD \(100\)$/,
    ],
  ];
  for (const [env, pattern] of cases) {
    assert.throws(() => loadConfig({ env, dotenv: "" }), (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, pattern);
      assert.ok(!error.message.includes("\n"), "one line");
      return true;
    });
  }
});

Deno.test("an unknown flag is refused with the setting it likely meant, not all 94 names", () => {
  assert.throws(
    () => loadConfig({ env: {}, dotenv: "", args: ["--sever-port", "1"] }),
    (error: Error) => {
      assert.equal(
        error.message,
        'Unknown flag "--sever-port"; did you mean --server-port? (--help lists every setting)',
      );
      return true;
    },
  );
  assert.throws(
    () => loadConfig({ env: {}, dotenv: "", args: ["--colour", "1"] }),
    (error: Error) => {
      assert.equal(error.message, 'Unknown flag "--colour"; --help lists every setting');
      return true;
    },
  );
  assert.throws(() => loadConfig({ env: {}, dotenv: "", args: ["--api-port"] }), /needs a value/);
});

Deno.test("an empty list setting means none, an empty scalar means the default", () => {
  const config = loadConfig({ env: { PLUGINS: "", SERVER_PORT: "" }, dotenv: "" });
  assert.deepEqual(config.PLUGINS, []);
  assert.equal(config.SERVER_PORT, 8000);
  assert.deepEqual(
    loadConfig({ env: { CORS_ORIGINS: "http://a.test, http://b.test" }, dotenv: "" })
      .CORS_ORIGINS,
    ["http://a.test", "http://b.test"],
  );
});

Deno.test("every setting has a description", () => {
  for (const [name, setting] of Object.entries(SETTINGS)) {
    assert.ok(setting.description.length > 10, name);
  }
});

Deno.test("MCP settings: ALLOWED_HOSTS is a list, MCP_SESSION_TTL_S a positive integer", () => {
  const defaults = loadConfig({ env: {}, dotenv: "" });
  assert.deepEqual(defaults.ALLOWED_HOSTS, []);
  assert.equal(defaults.MCP_SESSION_TTL_S, 1800);
  const set = loadConfig({
    env: { ALLOWED_HOSTS: "persona.lan, *", MCP_SESSION_TTL_S: "60" },
    dotenv: "",
  });
  assert.deepEqual(set.ALLOWED_HOSTS, ["persona.lan", "*"]);
  assert.equal(set.MCP_SESSION_TTL_S, 60);
  assert.throws(
    () => loadConfig({ env: { MCP_SESSION_TTL_S: "0" }, dotenv: "" }),
    /Invalid setting MCP_SESSION_TTL_S="0"/,
  );
});

Deno.test("limits that contradict each other are refused at start, secrets are never echoed", () => {
  assert.throws(
    () => loadConfig({ env: { MAX_BATCH: "100", MAX_INFLIGHT_PER_CONNECTION: "50" }, dotenv: "" }),
    /MAX_INFLIGHT_PER_CONNECTION=50: must be at least MAX_BATCH \(100\)/,
  );
  assert.throws(
    () =>
      loadConfig({
        env: { MAX_QUEUED_BYTES: "1500000", MAX_REPLY_BYTES: "2000000" },
        dotenv: "",
      }),
    /MAX_QUEUED_BYTES=1500000: must be at least MAX_REPLY_BYTES/,
  );
  assert.throws(
    () => loadConfig({ env: { MAX_REPLY_BYTES: "100000" }, dotenv: "" }),
    /MAX_REPLY_BYTES=100000: must be at least 1048576, so that the largest persona always fits/,
  );
  // At most 64 MiB, the task results held in memory (core/server/task_result.ts).
  const huge = { MAX_QUEUED_BYTES: "100000000" };
  assert.throws(
    () => loadConfig({ env: { ...huge, MAX_REPLY_BYTES: "67108865" }, dotenv: "" }),
    /MAX_REPLY_BYTES="67108865": expected a number above 0 and at most 67108864/,
  );
  const largest = loadConfig({ env: { ...huge, MAX_REPLY_BYTES: "67108864" }, dotenv: "" });
  assert.equal(largest.MAX_REPLY_BYTES, 64 * 1024 * 1024);
  assert.throws(
    () => loadConfig({ env: { AUTH_TOKEN: "short-secret" }, dotenv: "" }),
    (error: Error) =>
      error instanceof ConfigError && error.message.includes("AUTH_TOKEN=(hidden)") &&
      error.message.includes("at least 16 characters") && !error.message.includes("short-secret"),
  );
  const config = loadConfig({ env: {}, dotenv: "" });
  assert.equal(config.AUTH_TOKEN, "");
  assert.equal(config.RATE_LIMIT_PER_S, undefined, "unset: decided by SERVER_HOST");
  assert.equal(config.MAX_BATCH, 50);
  assert.equal(config.MAX_REPLY_BYTES, 1024 * 1024);
});

Deno.test("the provider settings: Ollama by default, OpenAI-compatible with a base URL and an optional key", () => {
  const defaults = loadConfig({ env: {}, dotenv: "" });
  assert.equal(defaults.LLM_PROVIDER, "ollama");
  assert.equal(defaults.OPENAI_BASE_URL, "");
  assert.equal(defaults.OPENAI_API_KEY, "");
  const openai = loadConfig({
    env: {
      LLM_PROVIDER: "openai",
      OPENAI_BASE_URL: "http://127.0.0.1:1234/v1",
      OPENAI_API_KEY: "lm-studio",
    },
    dotenv: "",
  });
  assert.equal(openai.LLM_PROVIDER, "openai");
  assert.equal(openai.OPENAI_BASE_URL, "http://127.0.0.1:1234/v1");
  assert.equal(openai.OPENAI_API_KEY, "lm-studio");
});

Deno.test("settings that must be ordered may be equal, and the reply floor is exact", () => {
  const load = (env: Record<string, string>) => loadConfig({ env, dotenv: "" });
  assert.equal(load({ CONTINUE_LOW: "50", CONTINUE_HIGH: "50" }).CONTINUE_LOW, 50);
  assert.equal(load({ MAX_BATCH: "64", MAX_INFLIGHT_PER_CONNECTION: "64" }).MAX_BATCH, 64);
  const floor = String(2 * 512 * 1024);
  assert.equal(load({ MAX_REPLY_BYTES: floor, MAX_QUEUED_BYTES: floor }).MAX_QUEUED_BYTES, 1048576);
  assert.throws(() => load({ MAX_REPLY_BYTES: String(1048575) }), /MAX_REPLY_BYTES=1048575/);
});
