/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against a real
 * server and the test Ollama: the main flow from persona to simulation report, with streaming
 * seen before the reply ends; no console error or failed request anywhere; axe-core on every
 * page; screenshots of every page at desktop and phone widths in `reports/screenshots/`.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { FakeOllama } from "./fake_ollama.ts";
import { REPO_ROOT, startTestServer } from "./_helpers.ts";
import {
  axeViolations,
  launchBrowser,
  roundTripCard,
  seriousViolations,
  watchProblems,
} from "./_browser.ts";

/** Where the screenshots go (CI prints the paths). */
const SHOTS = `${REPO_ROOT}/reports/screenshots`;
const PAGES = [
  "personas",
  "chat",
  "memory",
  "relationships",
  "conversations",
  "simulation",
  "system",
] as const;
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

async function openPage(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/#/${name}`);
  await page.locator(`#page h2`).first().waitFor();
  // The page's own requests (lists, status) have been answered.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
}

Deno.test("the dashboard's main flow works in a real browser, with no console error or failed request", async () => {
  const fake = FakeOllama.start({ tokenDelayMs: 40 });
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const base = server.apiUrl.replace(/\/api$/, "");
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: WIDTHS.desktop });
  try {
    const problems = watchProblems(page);

    // Personas: create Nova with the keyboard on a trait slider.
    await openPage(page, base, "personas");
    await page.getByRole("button", { name: "New persona" }).click();
    await page.getByLabel("Name").fill("Nova");
    await page.getByLabel("Description").fill("A ship navigator who trusts maps more than people");
    await page.locator("#p-openness").focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    assert.match(await page.locator("label[for=p-openness]").innerText(), /0\.80: imaginative/);
    await page.getByRole("button", { name: "Create persona" }).click();
    await page.getByRole("heading", { name: "Nova", exact: true }).waitFor();

    // Memory: store one for Nova.
    await page.getByRole("link", { name: "Memory" }).click();
    await page.locator("#memory-persona").selectOption({ label: "Nova" });
    await page.locator("#m-new").fill("Nova keeps the old star map in a brass tube");
    await page.getByRole("button", { name: "Store", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Memory stored" }).waitFor();

    // Chat: tokens appear before the reply ends, then the recalled memory shows beside it.
    await page.getByRole("link", { name: "Chat" }).click();
    await page.locator("#chat-persona").selectOption({ label: "Nova" });
    await page.locator("#chat-text").fill("Where is the star map?");
    await page.getByRole("button", { name: "Send" }).click();
    const streaming = page.locator('.msg.persona[data-streaming="true"]');
    await streaming.filter({ hasText: "Well met" }).waitFor();
    const partial = await streaming.innerText();
    await page.locator('.msg.persona[data-streaming="false"]').filter({ hasText: "tokens" })
      .waitFor();
    const full = await page.locator(".msg.persona").last().innerText();
    assert.ok(full.length > partial.length, `streamed "${partial}" before the end "${full}"`);
    await page.getByRole("list", { name: "Memories recalled" }).getByText("brass tube").waitFor();
    await Deno.mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/chat-reply-desktop.png` });

    // Cancel a slow reply: it stops, the page says so, and the chat goes on.
    fake.behavior.tokenDelayMs = 400;
    await page.locator("#chat-text").fill("Tell me the whole saga");
    await page.getByRole("button", { name: "Send" }).click();
    await streaming.filter({ hasText: "Well met" }).waitFor();
    await page.getByRole("button", { name: "Cancel reply" }).click();
    await page.getByRole("alert").filter({ hasText: /cancel/i }).waitFor();
    await page.locator(".msg.persona").last().getByText("No reply").waitFor();
    await fake.waitForAbandoned(1);
    fake.behavior.tokenDelayMs = 40;

    // Memory: find it, edit it, delete it.
    await page.getByRole("link", { name: "Memory" }).click();
    await page.locator("#m-query").fill("star map brass tube");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const row = page.locator("tr").filter({ hasText: "Nova keeps the old star map" });
    await row.waitFor();
    await row.getByRole("button", { name: /^Edit memory/ }).click();
    const editor = page.getByRole("form", { name: "Edit memory" });
    await editor.getByLabel("Importance").fill("0.9");
    await editor.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Memory updated" }).waitFor();
    await page.locator("tr").filter({ hasText: "Nova keeps the old star map" })
      .getByRole("cell", { name: "0.90" }).waitFor();
    // Supersede it: a newer memory replaces it, and the older one says so.
    await page.locator("tr").filter({ hasText: "Nova keeps the old star map" })
      .getByRole("button", { name: /^Supersede memory/ }).click();
    await page.locator("#m-new").fill(
      "Nova moved the brass tube with the star map to the chart room",
    );
    await page.getByRole("button", { name: "Store", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "replaces the older one" }).waitFor();
    await page.locator("tr").filter({ hasText: "Nova keeps the old star map" })
      .getByText("replaced", { exact: true }).waitFor();
    await page.locator("tr").filter({ hasText: "Nova keeps the old star map" })
      .getByRole("button", { name: /^Delete memory/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.getByRole("status").filter({ hasText: "Memory deleted" }).waitFor();
    await page.locator("tr").filter({ hasText: "Nova keeps the old" }).waitFor({
      state: "detached",
    });

    // Conversations: Aria and Kira talk; turns arrive one by one.
    await page.getByRole("link", { name: "Conversations" }).click();
    await page.getByLabel("Aria").check();
    await page.getByLabel("Kira").check();
    await page.locator("#c-topic").fill("music");
    await page.getByRole("button", { name: "Start conversation" }).click();
    const turns = page.getByRole("list", { name: "Turns" }).locator("li");
    await turns.nth(0).waitFor();
    await turns.nth(1).waitFor();
    assert.match(await turns.nth(0).innerText(), /continue \d+\.\d\b/);
    await page.getByRole("button", { name: "Stop" }).click();
    await page.getByRole("status").filter({ hasText: "Ended" }).waitFor();

    // Relationships: the conversation made Aria and Kira a pair with a history.
    await page.getByRole("link", { name: "Relationships" }).click();
    await page.getByRole("button", { name: "Aria – Kira" }).or(
      page.getByRole("button", { name: "Kira – Aria" }),
    ).click();
    await page.getByRole("heading", { name: "History" }).waitFor();

    // Simulation: a short scripted run, then its report.
    await page.getByRole("link", { name: "Simulation" }).click();
    await page.locator("#s-ticks").fill("20");
    await page.getByRole("button", { name: "Run simulation" }).click();
    await page.getByRole("button", { name: "Open report" }).click({ timeout: 60_000 });
    const report = page.frameLocator('iframe[title="Simulation report"]');
    await report.getByText("tavern_evening").first().waitFor();

    // System: settings shown, a secret masked.
    await page.getByRole("link", { name: "System" }).click();
    await page.getByRole("cell", { name: "CHROMA_TOKEN" }).waitFor();
    await page.locator("#sys-level").selectOption("debug");
    await page.getByRole("status").filter({ hasText: "Log level is now debug" }).waitFor();
    await page.locator("#sys-level").selectOption("info");

    // Personas: export Kira as a character card, delete her, import the card back.
    await page.getByRole("link", { name: "Personas" }).click();
    await roundTripCard(page, "Kira");
    await page.getByRole("heading", { name: "Kira", exact: true }).waitFor();

    // Every page: axe-core, screenshots at both widths, no sideways scrolling on a phone.
    await Deno.mkdir(SHOTS, { recursive: true });
    const saved: string[] = [];
    const serious: string[] = [];
    for (const [label, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      for (const name of PAGES) {
        await openPage(page, base, name);
        serious.push(...seriousViolations(await axeViolations(page)).map((v) => `${name}: ${v}`));
        const path = `${SHOTS}/${name}-${label}.png`;
        await page.screenshot({ path, fullPage: true });
        saved.push(path);
        const overflow = await page.evaluate<number>(
          "document.documentElement.scrollWidth - window.innerWidth",
        );
        assert.ok(overflow <= 1, `${name} scrolls sideways by ${overflow}px at ${label} width`);
      }
    }
    console.log(`Dashboard screenshots:\n${saved.join("\n")}`);
    assert.deepEqual(serious, [], "no serious accessibility violations");
    assert.deepEqual(problems, [], "no console error, page error or failed request");
  } catch (error) {
    // What the page showed when the flow broke, for the CI log.
    await Deno.mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/failure.png`, fullPage: true }).catch(() => {});
    console.error(`Failure screenshot: ${SHOTS}/failure.png`);
    throw error;
  } finally {
    await browser.close();
    await server.shutdown();
    await fake.stop();
  }
});

Deno.test("the dashboard works with the keyboard alone: skip link, menu, page focus", async () => {
  const server = await startTestServer();
  const base = server.apiUrl.replace(/\/api$/, "");
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: WIDTHS.phone });
    const problems = watchProblems(page);
    await openPage(page, base, "personas");
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate<string>("document.activeElement?.textContent"),
      "Skip to content",
    );
    // Tab to the Chat link and follow it with Enter.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate<string>("document.activeElement?.textContent") === "Chat") break;
    }
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /^Chat/ }).waitFor();
    assert.equal(await page.evaluate<string>("document.activeElement?.id"), "page");
    assert.equal(await page.title(), "Chat · persona-mcp");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.shutdown();
  }
});

Deno.test("the API reference page renders Swagger UI from this server, offline", async () => {
  const server = await startTestServer();
  const base = server.apiUrl.replace(/\/api$/, "");
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: WIDTHS.desktop });
    const problems = watchProblems(page);
    const hosts = new Set<string>();
    page.on("request", (request) => hosts.add(new URL(request.url()).host));
    await page.goto(`${base}/api/docs`);
    await page.getByText("persona-mcp REST PersonaAPI").first().waitFor();
    await page.getByText("/api/personas/{id}/memories").first().waitFor();
    assert.deepEqual([...hosts].filter((host) => host !== new URL(base).host), []);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.shutdown();
  }
});
