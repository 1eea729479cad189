import assert from "node:assert/strict";
import { testConfig } from "../../tests/_helpers.ts";
import { isSecretSetting, MASK, maskUrlCredentials, settingsView } from "./settings_view.ts";

Deno.test("secrets are masked by name; token counts and budgets are not secrets", () => {
  assert.ok(isSecretSetting("CHROMA_TOKEN"));
  assert.ok(isSecretSetting("AUTH_TOKEN"));
  assert.ok(isSecretSetting("OPENAI_API_KEY"));
  assert.ok(!isSecretSetting("LLM_MAX_TOKENS"));
  assert.ok(!isSecretSetting("DIALOGUE_TOKEN_BUDGET"));
  const view = settingsView(testConfig({
    CHROMA_TOKEN: "s3cret-value",
    OLLAMA_HOST: "http://me:pw@gpu-box:11434",
  }));
  const byName = new Map(view.map((setting) => [setting.name, setting]));
  assert.equal(byName.get("CHROMA_TOKEN")?.value, MASK);
  assert.equal(byName.get("CHROMA_TOKEN")?.secret, true);
  assert.equal(byName.get("OLLAMA_HOST")?.value, `http://${MASK}@gpu-box:11434`);
  assert.equal(byName.get("LLM_MAX_TOKENS")?.secret, false);
  assert.ok(!JSON.stringify(view).includes("s3cret"), "the secret never appears");
  assert.ok(!JSON.stringify(view).includes("me:pw"), "nor URL credentials");
  assert.equal(byName.get("SERVER_PORT")?.default, 8000);
  assert.equal(byName.get("SERVER_PORT")?.group, "Server");
});

Deno.test("an unset secret reads as empty, not masked, so the page shows it is unset", () => {
  const view = settingsView(testConfig({}));
  assert.equal(view.find((s) => s.name === "CHROMA_TOKEN")?.value, "");
  assert.equal(maskUrlCredentials("http://gpu-box:11434"), "http://gpu-box:11434");
});

Deno.test("URL credentials are masked whole, as a driver would read them", () => {
  const cases: Array<[string, string]> = [
    ["postgres://user:pass word@db:5432/app", "postgres://********@db:5432/app"],
    ["postgres://user:p@ss@db:5432/app", "postgres://********@db:5432/app"],
    ["postgres://u:p@s@s@db/app?sslmode=require", "postgres://********@db/app?sslmode=require"],
    ["http://me:pw@gpu-box:11434", "http://********@gpu-box:11434"],
    ["http://token@gpu-box:11434/v1", "http://********@gpu-box:11434/v1"],
    // new URL() refuses these: masked up to the last "@", never less.
    ["postgres://u:pa/ss@db:5432/app", "postgres://********@db:5432/app"],
    ["postgres://u:pa#ss@db:5432/app", "postgres://********@db:5432/app"],
    ["postgres://u:pa?ss@db:5432/app", "postgres://********@db:5432/app"],
    // No credentials: unchanged, even with an "@" after the host.
    ["http://gpu-box:11434/models?owner=a@b", "http://gpu-box:11434/models?owner=a@b"],
    ["http://localhost:*", "http://localhost:*"],
    ["not a url @ all", "not a url @ all"],
  ];
  for (const [value, masked] of cases) assert.equal(maskUrlCredentials(value), masked, value);
});
