/**
 * `deno task sim` as a user runs it (a child process with the task's own permissions) on the
 * sample scenario: the JSON and HTML reports, the fallback to the scripted model when Ollama is
 * absent, the same transcript for the same seed, and the HTML page in headless Chromium.
 */
import assert from "node:assert/strict";
import type { SimulationReport } from "../core/simulation/mod.ts";
import { Chromium } from "./_chromium.ts";
import { REPO_ROOT } from "./_helpers.ts";
import { transcript } from "./_simulation.ts";

interface TaskRun {
  code: number;
  stdout: string;
  stderr: string;
  json: string;
  html: string;
}

/** Runs `deno task sim <args>` with Ollama pointed at a closed port. */
async function sim(args: string[]): Promise<TaskRun> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "sim", ...args],
    cwd: REPO_ROOT,
    env: { OLLAMA_HOST: "http://127.0.0.1:9", ENV_FILE: "/nonexistent", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  return {
    code: output.code,
    stdout,
    stderr: new TextDecoder().decode(output.stderr),
    json: /^Report \(JSON\): (.+)$/m.exec(stdout)?.[1] ?? "",
    html: /^Report \(HTML\): (.+)$/m.exec(stdout)?.[1] ?? "",
  };
}

Deno.test("deno task sim writes the JSON and HTML reports; scripted when Ollama is absent", async () => {
  const out = await Deno.makeTempDir({ prefix: "persona-simtask-" });
  try {
    const first = await sim(["--ticks", "40", "--out", out]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /Notice: Ollama is not reachable at http:\/\/127\.0\.0\.1:9/);
    assert.match(first.stdout, /^Model: scripted \(built-in deterministic lines/m);
    assert.match(first.stderr, /100% tick 40\/40/, "plain progress lines off a terminal");
    const redraws = first.stderr.includes("\r") || first.stderr.includes("\x1b[");
    assert.ok(!redraws, "no bar redraws off a terminal");
    assert.equal(first.json, `${out}/tavern_evening-seed42.json`);
    assert.equal(first.html, `${out}/tavern_evening-seed42.html`);

    const report = JSON.parse(await Deno.readTextFile(first.json)) as SimulationReport;
    assert.equal(report.format, "persona-mcp.simulation/1");
    assert.equal(report.seed, 42);
    assert.equal(report.model.kind, "scripted");
    assert.ok(report.conversations.length >= 2 && report.summary.turns >= 10);
    const turn = report.conversations[0]!.turns[0];
    for (const field of ["speaker", "content", "continue_score", "reasons", "response_type"]) {
      assert.ok(field in turn!, `turns record ${field}`);
    }
    assert.equal(report.relationships.length, 10, "every pair of the five personas");
    assert.equal(report.energy.length, 5);
    assert.equal(report.energy[0]!.points.length, 41, "tick 0 and every tick");

    const html = await Deno.readTextFile(first.html);
    assert.equal((html.match(/<svg class="chart"/g) ?? []).length, 3);
    assert.match(html, /SCRIPTED/);
    assert.doesNotMatch(html, /\b(src|href)=|url\(|@import/, "self-contained: loads nothing");

    const again = await sim(["--ticks", "40", "--out", `${out}/again`]);
    const other = await sim(["--ticks", "40", "--seed", "43", "--out", out]);
    const reportAgain = JSON.parse(await Deno.readTextFile(again.json)) as SimulationReport;
    const reportOther = JSON.parse(await Deno.readTextFile(other.json)) as SimulationReport;
    assert.deepEqual(transcript(reportAgain), transcript(report), "same seed, same transcript");
    assert.notDeepEqual(transcript(reportOther), transcript(report));
    assert.equal(other.json, `${out}/tavern_evening-seed43.json`);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("deno task sim refuses a bad scenario with a clear message", async () => {
  const dir = await Deno.makeTempDir({ prefix: "persona-simbad-" });
  try {
    const path = `${dir}/bad.scenario.json`;
    await Deno.writeTextFile(path, JSON.stringify({ name: "bad", seed: 1, topics: [] }));
    const bad = await sim([path]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Invalid scenario .*bad\.scenario\.json/);
    assert.match(bad.stderr, /topics: /);
    assert.match(bad.stderr, /personas: /);
    const flag = await sim(["--model", "gpt"]);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /--model must be one of ollama, scripted/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  assert.deepEqual([...png.slice(0, 8)], signature, "a PNG file");
  const view = new DataView(png.buffer, png.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

Deno.test("the HTML report renders in headless Chromium without errors (screenshot)", async () => {
  const out = await Deno.makeTempDir({ prefix: "persona-simpage-" });
  const browser = await Chromium.launch();
  try {
    const run = await sim(["--ticks", "60", "--out", out]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(await Deno.readTextFile(run.json)) as SimulationReport;
    const page = await browser.openPage(1200, 900);
    await page.navigate(`file://${run.html}`);
    assert.equal(await page.evaluate("document.body.dataset.ready"), "1", "the script ran");
    const charts = await page.evaluate<number[]>(
      `[...document.querySelectorAll("svg.chart")].map((svg) => svg.querySelectorAll(".series polyline").length)`,
    );
    assert.equal(charts.length, 3);
    assert.ok(charts.every((lines) => lines > 0), `every chart draws lines: ${charts}`);
    const drawn = await page.evaluate<number>(
      `document.querySelector("#chart-energy svg").getBoundingClientRect().height`,
    );
    assert.ok(drawn > 150, `the charts take room on the page (${drawn}px)`);
    assert.equal(
      await page.evaluate("document.querySelectorAll('details.conv').length"),
      report.conversations.length,
    );
    const png = await page.screenshot();
    const size = pngSize(png);
    // The viewport is 1200 px wide; a scrollbar may take its width off the captured page.
    assert.ok(size.width > 1150 && size.width <= 1200, `page width ${size.width}`);
    assert.ok(size.height > 900, `the whole page is captured (${size.height}px high)`);
    assert.ok(png.length > 20_000, `the screenshot has content (${png.length} bytes)`);
    await Deno.writeFile(`${out}/report.png`, png);
    const keep = Deno.env.get("SIM_SCREENSHOT");
    if (keep) await Deno.copyFile(`${out}/report.png`, keep);
    const shownForKira = await page.evaluate<string>(`(() => {
      const select = document.getElementById("persona-filter");
      select.value = "Kira";
      select.dispatchEvent(new Event("change"));
      return document.getElementById("conv-count").textContent;
    })()`);
    const withKira = report.conversations.filter((c) =>
      c.participants.some((p) => p.name === "Kira")
    );
    assert.equal(shownForKira, String(withKira.length), "the persona filter works");
    assert.deepEqual(page.errors, [], "no script errors, console errors or failed loads");
  } finally {
    await browser.close();
    await Deno.remove(out, { recursive: true });
  }
});
