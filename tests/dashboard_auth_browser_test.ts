/**
 * The dashboard in a real browser against a server with AUTH_TOKEN: the shell loads without the
 * token and asks for it; once given, every data call carries it (REST, the chat's WebSocket, a
 * card upload, the simulation report, the metrics link; only the WebSocket's address holds it);
 * a `?token=` address is taken once and removed; the API reference renders without it.
 */
import assert from "node:assert/strict";
import { FakeOllama } from "./fake_ollama.ts";
import { startTestServer } from "./_helpers.ts";
import { launchBrowser, roundTripCard, watchProblems } from "./_browser.ts";

const TOKEN = "dash-token-0123456789abcdef";
const TOKEN_FORM = "This server needs its token";

Deno.test("with AUTH_TOKEN the dashboard asks for the token once and every data call carries it", async () => {
  const fake = FakeOllama.start({ tokenDelayMs: 5 });
  const server = await startTestServer({ OLLAMA_HOST: fake.url, AUTH_TOKEN: TOKEN });
  const base = server.apiUrl.replace(/\/api$/, "");
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const statuses: Array<[number, string]> = [];
    page.on("response", (response) => statuses.push([response.status(), response.url()]));

    // The shell and its assets load; the first data call is refused and the form appears.
    await page.goto(`${base}/#/personas`);
    await page.getByRole("heading", { name: TOKEN_FORM }).waitFor();
    const shell = statuses.filter(([, url]) => !url.includes("/api/"));
    assert.ok(shell.length >= 3, JSON.stringify(shell));
    assert.ok(shell.every(([status]) => status === 200), JSON.stringify(shell));
    assert.ok(statuses.some(([status, url]) => status === 401 && url.includes("/api/")));

    // A wrong token is refused again; the right one opens the dashboard.
    await page.locator("#token").fill("not-the-token-0123456789");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: TOKEN_FORM }).waitFor();
    await page.locator("#token").fill(TOKEN);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Kira", exact: true }).waitFor();
    const problems = watchProblems(page);

    // Chat over the WebSocket (?token= on the upgrade).
    await page.getByRole("link", { name: "Chat" }).click();
    await page.locator("#chat-persona").selectOption({ label: "Aria" });
    await page.locator("#chat-text").fill("Hello there");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator('.msg.persona[data-streaming="false"]').filter({ hasText: "tokens" })
      .waitFor();

    // A card export (download) and import (upload) with the token.
    await page.getByRole("link", { name: "Personas" }).click();
    await roundTripCard(page, "Kira");

    // A simulation and its report in the page's sandboxed frame, fetched with the header.
    await page.getByRole("link", { name: "Simulation" }).click();
    await page.locator("#s-ticks").fill("5");
    await page.getByRole("button", { name: "Run simulation" }).click();
    await page.getByRole("button", { name: "Open report" }).click({ timeout: 60_000 });
    const report = page.frameLocator('iframe[title="Simulation report"]');
    await report.getByText("tavern_evening").first().waitFor();
    // Its script ran under the report's CSP (allowed by hash): it fills the persona filter.
    await report.locator("#persona-filter option").nth(1).waitFor({ state: "attached" });
    const frame = page.locator('iframe[title="Simulation report"]');
    assert.equal(await frame.getAttribute("sandbox"), "allow-scripts");
    assert.equal(await frame.getAttribute("src"), null, "shown from srcdoc, no address");
    // The report's own policy goes with it (a <meta>); an opaque origin: no storage to read.
    assert.match(
      await report.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content") ??
        "",
      /default-src 'none'/,
    );
    assert.equal(
      await report.locator("body").evaluate(() => {
        try {
          return sessionStorage.getItem("persona-mcp.token");
        } catch {
          return "unreadable";
        }
      }),
      "unreadable",
    );
    // The Runs list's link shows it in the same frame.
    await page.getByRole("link", { name: "report", exact: true }).first().click();
    await report.locator("#persona-filter option").nth(1).waitFor({ state: "attached" });

    // The metrics link fetches with the header and opens a blob: address: no token in any URL.
    const metrics = page.locator("header").getByRole("link", { name: "Metrics" });
    assert.equal(await metrics.getAttribute("href"), "/metrics");
    const [opened] = await Promise.all([context.waitForEvent("page"), metrics.click()]);
    await opened.waitForURL(/^blob:/);
    await opened.getByText(/persona_mcp_/).first().waitFor();
    assert.ok(!opened.url().includes(TOKEN), opened.url());
    const addresses = statuses.map(([, url]) => url);
    assert.ok(!addresses.some((url) => url.includes("/metrics?")), "no ?token= on /metrics");
    assert.ok(
      addresses.some((url) => url.endsWith("/report")),
      `the report was fetched: ${addresses}`,
    );
    assert.ok(!addresses.some((url) => url.includes("token=")), "no token in any address");
    await opened.close();
    assert.deepEqual(problems, [], "no refusal once the token was given");
    await context.close();

    // A fresh tab given ?token= in its address keeps it and takes it out of the address.
    const linked = await browser.newContext();
    const tab = await linked.newPage();
    const tabProblems = watchProblems(tab);
    await tab.goto(`${base}/?token=${encodeURIComponent(TOKEN)}#/system`);
    await tab.getByRole("cell", { name: "CHROMA_TOKEN" }).waitFor();
    assert.equal(tab.url(), `${base}/#/system`);
    assert.equal(
      await tab.evaluate<string | null>("sessionStorage.getItem('persona-mcp.token')"),
      TOKEN,
    );
    assert.deepEqual(tabProblems, []);
    await linked.close();

    // The API reference renders without the token (its document is public).
    const stranger = await browser.newContext();
    const docs = await stranger.newPage();
    const docsProblems = watchProblems(docs);
    await docs.goto(`${base}/api/docs`);
    await docs.getByText("persona-mcp REST PersonaAPI").first().waitFor();
    assert.deepEqual(docsProblems, []);
    await stranger.close();
  } finally {
    await browser.close();
    await server.shutdown();
    await fake.stop();
  }
});
