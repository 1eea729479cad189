/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against a real
 * server and the test Ollama: the main flow from persona to simulation report, with streaming
 * seen before the reply ends; no console error or failed request anywhere; axe-core on every
 * page; screenshots of every page at desktop and phone widths in `reports/screenshots/`.
 */
import { tempDir } from "../core/testing/temp_dirs.ts";
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
import { avatarPng } from "./_cards.ts";

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
    // Each hit shows the parts of its score (memory.search with explain).
    const parts = row.getByRole("list", { name: "Score parts" });
    for (const part of ["lexical", "alignment", "vector", "relevance", "recency", "nudge"]) {
      await parts.getByText(new RegExp(`^${part} \\d\\.\\d\\d$`)).waitFor();
    }
    await row.getByRole("button", { name: /^Edit memory/ }).click();
    const editor = page.getByRole("form", { name: "Edit memory" });
    await editor.getByLabel("Importance").fill("0.9");
    await editor.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Memory updated" }).waitFor();
    await page.locator("tr").filter({ hasText: "Nova keeps the old star map" })
      .getByRole("cell", { name: "0.90" }).waitFor();
    // Filters: importance above the memory's hides it; its type keeps it.
    await page.locator("#m-min").fill("0.95");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText("No memories match.").waitFor();
    await page.locator("#m-min").fill("0");
    await page.locator("#m-type").fill("conversation");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.locator("tr").filter({ hasText: "Nova keeps the old star map" }).waitFor();
    await page.locator("#m-type").fill("");
    // Decay asks first; Cancel does nothing, Decay decays.
    await page.getByRole("button", { name: "Decay now…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Decay now…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Decay" }).click();
    await page.getByRole("status").filter({ hasText: "Decayed" }).waitFor();
    await page.getByRole("button", { name: "Prune…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Prune" }).click();
    await page.getByRole("status").filter({ hasText: "Pruned" }).waitFor();
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
    await page.getByLabel("Aria", { exact: true }).check();
    await page.getByLabel("Kira", { exact: true }).check();
    await page.locator("#c-topic").fill("music");
    await page.getByRole("button", { name: "Start conversation" }).click();
    const turns = page.getByRole("list", { name: "Turns" }).locator("li");
    await turns.nth(0).waitFor();
    await turns.nth(1).waitFor();
    assert.match(await turns.nth(0).innerText(), /continue \d+\.\d\b/);
    await page.getByRole("button", { name: "Stop" }).click();
    await page.getByRole("status").filter({ hasText: "Ended" }).waitFor();

    // Rooms: open one with Aria and Kira; their replies stream in, each with its speaker.
    await page.getByLabel("Aria joins").check();
    await page.getByLabel("Kira joins").check();
    await page.locator("#room-name").fill("Harbour");
    await page.locator("#room-mode").selectOption("everyone");
    await page.getByRole("button", { name: "Open room" }).click();
    await page.getByRole("status").filter({ hasText: "Opened the room Harbour" }).waitFor();
    await page.locator("#room-text").fill("What do you both think of the tide?");
    await page.getByRole("button", { name: "Say", exact: true }).click();
    const transcript = page.getByRole("list", { name: "Room transcript" });
    const live = transcript.locator('.msg.persona[data-streaming="true"]');
    await live.filter({ hasText: "Well met" }).first().waitFor();
    const said = transcript.locator('.msg.persona[data-streaming="false"]');
    await said.nth(1).waitFor();
    const replies = await said.allInnerTexts();
    assert.equal(replies.length, 2, replies.join("\n---\n"));
    assert.ok(replies.some((reply) => reply.startsWith("Aria")), replies.join("\n"));
    assert.ok(replies.some((reply) => reply.startsWith("Kira")), replies.join("\n"));
    for (const reply of replies) assert.match(reply, /continue \d\.\d\d|everyone|mentioned/);
    // Kira leaves; the room says who is present.
    await page.getByLabel("Kira in the room").uncheck();
    await page.getByText("Present (1)").waitFor();

    // Relationships: the conversation made Aria and Kira a pair with a history.
    await page.getByRole("link", { name: "Relationships" }).click();
    await page.getByRole("button", { name: "Aria – Kira" }).or(
      page.getByRole("button", { name: "Kira – Aria" }),
    ).click();
    await page.getByRole("heading", { name: "History" }).waitFor();
    const history = page.getByRole("list", { name: "Pair history" }).locator("li");
    await history.first().waitFor();
    assert.match(await history.first().innerText(), /quality \d\.\d\d/);

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
    // The model server's models, and the default model among them (newuser23 M1: "Models none").
    const modelServer = page.locator("#sys-model-server");
    await modelServer.waitFor();
    assert.match(await modelServer.innerText(), /Ollama\s+reachable at http:\/\/127\.0\.0\.1:/);
    assert.equal(await page.locator("#sys-models").innerText(), "llama3.1:8b");
    assert.equal(await page.locator("#sys-default-model").innerText(), "llama3.1:8b ✓ available");
    await page.locator("#sys-level").selectOption("debug");
    await page.getByRole("status").filter({ hasText: "Log level is now debug" }).waitFor();
    await page.locator("#sys-level").selectOption("info");

    // Personas: Kira gets an avatar in her form; the list shows it, her card carries it.
    await page.getByRole("link", { name: "Personas" }).click();
    /** The widths of the images named `alt` as loaded (0: not loaded). */
    const widths = (alt: string) =>
      page.evaluate<number[]>(
        `[...document.querySelectorAll('img[alt="${alt}"]')].map((img) => img.naturalWidth)`,
      );
    await page.getByRole("button", { name: "Edit Kira" }).click();
    const form = page.getByRole("form", { name: "Edit Kira" });
    assert.equal(await form.getByRole("img").count(), 0, "no avatar yet: her initial");
    const png = `${await tempDir("persona-avatar-")}/kira.png`;
    await Deno.writeFile(png, avatarPng(12, 40));
    await form.getByLabel(/^Avatar/).setInputFiles(png);
    await form.getByRole("img", { name: "The new avatar" }).waitFor();
    await form.getByRole("button", { name: "Save changes" }).click();
    await form.waitFor({ state: "detached" });
    /** Waits until Kira's 12 px avatar has loaded (polled: the page's CSP forbids eval). */
    const avatarShown = async () => {
      for (let tries = 0; !(await widths("Avatar of Kira")).includes(12); tries++) {
        if (tries >= 200) throw new Error("Kira's avatar never loaded");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await avatarShown();
    assert.deepEqual(await widths("Avatar of Kira"), [12]);
    assert.equal(
      await page.getByRole("img", { name: "Avatar of Aria" }).count(),
      0,
      "Aria has none",
    );

    // Export Kira as a character card, delete her, import the card back: the avatar returns.
    await roundTripCard(page, "Kira");
    await page.getByRole("heading", { name: "Kira", exact: true }).waitFor();
    await avatarShown();
    await page.getByRole("button", { name: "Edit Kira" }).click();
    await page.getByRole("form", { name: "Edit Kira" }).getByRole("img", { name: "Avatar of Kira" })
      .waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();

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
    // The page takes focus once it has rendered (an effect after the heading shows): waited for,
    // bounded, then checked.
    await page.waitForFunction("document.activeElement?.id === 'page'", null, { timeout: 5_000 })
      .catch(() => {});
    assert.equal(await page.evaluate<string>("document.activeElement?.id"), "page");
    assert.equal(await page.title(), "Chat · persona-mcp");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.shutdown();
  }
});

/**
 * Presses Tab until the focused element `el` makes `test` (a JS expression) true, at most
 * `limit` times.
 */
async function tabTo(page: Page, test: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const el = "document.activeElement";
    if (await page.evaluate<boolean>(`Boolean(${test.replaceAll("el.", `${el}.`)})`)) return;
  }
  throw new Error(`Tab never reached ${test}`);
}

Deno.test("a room is opened and talked in with the keyboard alone on a phone, with no serious axe violation", async () => {
  const fake = FakeOllama.start();
  const server = await startTestServer({ OLLAMA_HOST: fake.url });
  const base = server.apiUrl.replace(/\/api$/, "");
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: WIDTHS.phone });
  try {
    const problems = watchProblems(page);
    await openPage(page, base, "conversations");
    await page.getByLabel("Aria joins").waitFor();
    // From the top of the page: every step below is a key press.
    await page.locator("#page").focus();
    await tabTo(page, 'el.parentElement?.textContent.includes("Aria joins")');
    await page.keyboard.press("Space");
    await tabTo(page, 'el.parentElement?.textContent.includes("Kira joins")');
    await page.keyboard.press("Space");
    await tabTo(page, 'el.id === "room-name"');
    await page.keyboard.type("Pier");
    await tabTo(page, 'el.id === "room-mode"');
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.locator("#room-mode").inputValue(), "everyone");
    await tabTo(page, 'el.textContent === "Open room"');
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Opened the room Pier" }).waitFor();
    await page.locator("#page").focus();
    await tabTo(page, 'el.id === "room-text"');
    await page.keyboard.type("Good evening to you both");
    await page.keyboard.press("Enter");
    const said = page.getByRole("list", { name: "Room transcript" })
      .locator('.msg.persona[data-streaming="false"]');
    await said.nth(1).waitFor();
    assert.equal(await said.count(), 2);
    assert.deepEqual(
      seriousViolations(await axeViolations(page)),
      [],
      "no serious accessibility violations with a room open",
    );
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - window.innerWidth",
    );
    assert.ok(overflow <= 1, `the rooms scroll sideways by ${overflow}px on a phone`);
    await Deno.mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/rooms-phone.png`, fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.shutdown();
    await fake.stop();
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
