/**
 * A real browser for tests: Debian's Chromium driven by `playwright-core` (never a browser that
 * Playwright downloads), with every console error, page error, failed request and HTTP error
 * answer collected, and axe-core (from npm) to check pages for accessibility.
 *
 * @module
 */
import { tempDir } from "../core/testing/temp_dirs.ts";
import { type Browser, chromium, type Page } from "playwright-core";
import axeSource from "axe-core/axe.min.js" with { type: "text" };
import { chromiumPath } from "./_chromium.ts";

/** The flags the project runs Chromium with (headless, no sandbox, nothing fetched). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Starts Debian's Chromium; close it in `finally`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
}

/** Everything that went wrong in a page: console errors, exceptions, failed requests. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // A request the page itself gave up (navigating away) is not a failure of the server.
    const reason = request.failure()?.errorText ?? "";
    if (!reason.includes("ERR_ABORTED")) {
      problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
    }
  });
  page.on("response", (response) => {
    if (response.status() >= 400) {
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  return problems;
}

/** An axe-core violation, as reported. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core on the page; resolves to its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) {
    // Evaluated through DevTools, so the page's Content-Security-Policy does not refuse it.
    await page.evaluate(axeSource);
  }
  return await page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ["violations"] })
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`);
}

/** Violations of impact serious or critical, one line each. */
export function seriousViolations(violations: AxeViolation[]): string[] {
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) =>
    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
  );
}

/**
 * On the Personas page: exports `name`'s character card, deletes the persona, imports the card
 * back, and waits until the page says so.
 */
export async function roundTripCard(page: Page, name: string): Promise<void> {
  const [exported] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: `Export card of ${name}` }).click(),
  ]);
  const card = `${await tempDir("persona-card-")}/${name}.png`;
  await exported.saveAs(card);
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await page.getByRole("status").filter({ hasText: `Deleted ${name}` }).waitFor();
  await page.locator("#p-import").setInputFiles(card);
  await page.getByRole("status").filter({ hasText: `Imported the card ${name}` }).waitFor();
}
