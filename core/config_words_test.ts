/**
 * Settings words and combinations (review28 C10, C16): a flag reads true/1/yes as on and
 * false/0/no as off, anything else is refused naming the setting; STORAGE=sqlite with
 * MEMORY_BACKEND=pgvector is refused at start.
 */
import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";

Deno.test("a flag reads true/1/yes as on, false/0/no as off, and refuses other words", () => {
  const flag = (value: string) =>
    loadConfig({ env: { MEMORY_EXTRACTION: value }, dotenv: "" }).MEMORY_EXTRACTION;
  for (const on of ["true", "1", "yes"]) assert.equal(flag(on), true, on);
  for (const off of ["false", "0", "no"]) assert.equal(flag(off), false, off);
  assert.throws(
    () => flag("on"),
    (error) => error instanceof ConfigError && error.message.includes("MEMORY_EXTRACTION"),
  );
});

Deno.test("MEMORY_BACKEND=pgvector needs STORAGE=postgres", () => {
  assert.throws(
    () => loadConfig({ env: { MEMORY_BACKEND: "pgvector" }, dotenv: "" }),
    (error) =>
      error instanceof ConfigError && error.message.includes("MEMORY_BACKEND=pgvector") &&
      error.message.includes("STORAGE=postgres"),
  );
});
