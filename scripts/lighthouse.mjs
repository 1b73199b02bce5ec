// Lighthouse on the pages people live in: starts `payesh serve --demo` on
// a fresh SQLite file and a free port, signs in as the demo user of each
// page, and audits each page on a phone (Lighthouse's default, a 412 px
// Moto G Power) and on a desktop with Debian's Chromium. It fails when a
// page's accessibility score is under 95 or its cumulative layout shift is
// 0.1 or more. The performance score (LIGHTHOUSE_PERFORMANCE=1) is
// printed, never judged: it measures the machine as much as the page.
//
//   node scripts/lighthouse.mjs bin/payesh      (make lighthouse does this)
//
// Environment: CHROME_PATH (else chromium, chromium-browser, google-chrome
// on the PATH); LIGHTHOUSE_OUT, where the reports go (tmp/lighthouse);
// LIGHTHOUSE_ONLY, LIGHTHOUSE_JOBS, LIGHTHOUSE_PERFORMANCE (below). It
// writes one JSON and one HTML report per page and form factor, and
// scores.md, the table the README shows.
//
// Each worker's Chromium serves all its runs (Lighthouse opens a fresh tab
// each time), and only what the gate judges is gathered: 16 runs take
// about a minute on a 2-core machine.
import { spawn, fork, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const minAccessibility = 95; // percent
const maxCLS = 0.1; // exclusive
const password = "payesh-demo-1401"; // the demo's, printed by serve --demo

// pages are what is audited, each as the demo user who works there.
const pages = [
  { name: "desk (secretariat)", path: "/", user: "secretariat" },
  { name: "desk (province reporter)", path: "/", user: "province" },
  { name: "national dashboard", path: "/dashboard", user: "viewer" },
  { name: "provinces dashboard", path: "/dashboard/provinces", user: "viewer" },
  // An indicator the demo has a national value for, so its trend chart is
  // drawn (no demo indicator has province values yet: that chart's box
  // is reserved the same way, partials/dash.html).
  { name: "indicator trend", indicator: "coverage-insurance", user: "viewer" },
  { name: "values grid", path: "/values", user: "province" },
  { name: "provinces × months", path: "/values/matrix", user: "secretariat" },
  { name: "follow-up board", path: "/followup", user: "secretariat" },
];
const formFactors = ["mobile", "desktop"];
// LIGHTHOUSE_ONLY, a regular expression, audits only the pages whose name
// or address matches it (to rerun one page after a fix).
const only = process.env.LIGHTHOUSE_ONLY ? new RegExp(process.env.LIGHTHOUSE_ONLY) : null;
// LIGHTHOUSE_JOBS runs are made at once, each in its own process and
// Chromium (2, the cores of a CI machine): most of a run is waiting for
// the page to settle, which two runs share well.
const jobs = Number(process.env.LIGHTHOUSE_JOBS) || 2;

// audits: what Lighthouse gathers and scores. The gate needs the
// accessibility category and the layout-shift audits of the performance
// one; the whole performance category (LIGHTHOUSE_PERFORMANCE=1) needs
// the page's scripts, styles and network replayed on a simulated phone
// and doubles the time of a run, so CI leaves it out.
const withPerformance = process.env.LIGHTHOUSE_PERFORMANCE === "1";
const audits = withPerformance
  ? { onlyCategories: ["accessibility", "performance"], skipAudits: ["bf-cache", "screenshot-thumbnails", "final-screenshot", "valid-source-maps"] }
  : { onlyCategories: ["accessibility"], onlyAudits: ["cumulative-layout-shift", "layout-shifts"] };

const binary = process.argv[2];
if (!binary) {
  console.error("usage: node scripts/lighthouse.mjs path/to/payesh");
  process.exit(2);
}
const out = process.env.LIGHTHOUSE_OUT || "tmp/lighthouse";
mkdirSync(out, { recursive: true });

function chromePath() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("sh", ["-c", `command -v ${name}`]).toString().trim();
    } catch {}
  }
  throw new Error("no Chromium: install it (apt-get install chromium) or set CHROME_PATH");
}

// serve starts payesh on 127.0.0.1:0 and resolves with its address, read
// from the welcome it prints once it listens.
function serve(dir) {
  const args = ["serve", "--demo", "--db", path.join(dir, "demo.db"), "--addr", "127.0.0.1:0", "--digest-every", "0"];
  const proc = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("payesh serve did not start in 60 s:\n" + log)), 60000);
    const read = (chunk) => {
      log += chunk;
      const m = log.match(/serving at (http:\/\/[^/\s]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, base: m[1] });
      }
    };
    proc.stdout.on("data", read);
    proc.stderr.on("data", read);
    proc.on("exit", (code) => reject(new Error(`payesh serve exited (${code}):\n` + log)));
  });
}

// signIn posts the login form and returns the session cookie.
async function signIn(base, user) {
  const res = await fetch(base + "/login", {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ username: user, password, next: "/" }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("payesh_session="));
  if (res.status !== 303 || !cookie) throw new Error(`sign in as ${user}: status ${res.status}, no session cookie`);
  return cookie;
}

// indicatorPage is the address of the indicator with the code, found
// through the API with the same session.
async function indicatorPage(base, cookie, code) {
  const res = await fetch(base + "/api/v1/indicators", { headers: { Cookie: cookie } });
  const found = res.ok ? (await res.json()).items.find((i) => i.code === code) : undefined;
  if (!found) throw new Error(`indicator ${code}: not in the demo (status ${res.status})`);
  return `/indicators/${found.id}`;
}

function slug(s) {
  return s.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
}

// audit runs Lighthouse on each task (a page and a form factor) in one
// Chromium of its own, one task after the other, and returns their rows
// and failures.
async function audit(base, cookies, tasks) {
  const chrome = await chromeLauncher.launch({
    chromePath: chromePath(),
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=fa-IR"],
  });
  const rows = [];
  const failures = [];
  try {
    for (const { page: p, ff } of tasks) {
      const started = Date.now();
      const flags = {
        port: chrome.port,
        output: ["json", "html"],
        logLevel: "error",
        ...audits,
        disableFullPageScreenshot: true,
        // The page is served from this machine and drawn on the server:
        // half a second of quiet after the load is plenty to catch what
        // moves late (the charts are drawn before it), and halves the wait.
        pauseAfterFcpMs: 500,
        pauseAfterLoadMs: 500,
        networkQuietThresholdMs: 500,
        cpuQuietThresholdMs: 500,
        extraHeaders: { Cookie: cookies[p.user] },
      };
      const result = await lighthouse(base + p.path, flags, ff === "desktop" ? desktopConfig : undefined);
      const lhr = result.lhr;
      const file = path.join(out, `${slug(p.name)}-${ff}`);
      writeFileSync(file + ".json", result.report[0]);
      writeFileSync(file + ".html", result.report[1]);
      if (lhr.runtimeError) throw new Error(`${p.path} (${ff}): ${lhr.runtimeError.message}`);
      // A page that is not the one asked for (a redirect to the login
      // page, a 403) would be scored instead of it.
      const landed = new URL(lhr.finalDisplayedUrl).pathname;
      if (landed !== p.path) failures.push(`${p.name} (${ff}): landed on ${landed}, not ${p.path}`);
      const a11y = Math.round(lhr.categories.accessibility.score * 100);
      const perf = lhr.categories.performance ? String(Math.round(lhr.categories.performance.score * 100)) : "–";
      const cls = lhr.audits["cumulative-layout-shift"].numericValue;
      const why = [];
      if (a11y < minAccessibility) {
        const failed = lhr.categories.accessibility.auditRefs
          .filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1)
          .map((r) => r.id);
        why.push(`accessibility ${a11y} < ${minAccessibility} (${failed.join(", ")})`);
      }
      if (cls >= maxCLS) {
        const shifts = (lhr.audits["layout-shifts"]?.details?.items || []).map((i) => i.node?.selector).filter(Boolean);
        why.push(`CLS ${cls.toFixed(3)} ≥ ${maxCLS} (${shifts.join(", ")})`);
      }
      for (const w of why) failures.push(`${p.name} ${p.path} as ${p.user} (${ff}): ${w}; see ${file}.html`);
      rows.push({ name: p.name, ff, a11y, perf, cls });
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${why.length ? "FAIL" : "ok  "} ${p.path.padEnd(22)} ${p.user.padEnd(12)} ${ff.padEnd(8)} accessibility ${a11y}  CLS ${cls.toFixed(3)}  performance ${perf}  (${secs} s)`);
    }
  } finally {
    await chrome.kill();
  }
  return { rows, failures };
}

// A worker is this same script, forked by the main process with its share
// of the tasks: Lighthouse keeps its timings in process-wide state, so two
// runs at once need two processes (and each its own Chromium).
if (process.env.PAYESH_LIGHTHOUSE_WORKER) {
  process.once("message", async ({ base, cookies, tasks }) => {
    try {
      process.send(await audit(base, cookies, tasks));
      process.exit(0);
    } catch (err) {
      console.error(err);
      process.exit(1);
    }
  });
} else {
  await main();
}

function worker(base, cookies, tasks) {
  const child = fork(fileURLToPath(import.meta.url), [binary], { env: { ...process.env, PAYESH_LIGHTHOUSE_WORKER: "1" } });
  return new Promise((resolve, reject) => {
    let result;
    child.on("message", (m) => (result = m));
    child.on("exit", (code) => (code === 0 && result ? resolve(result) : reject(new Error(`a Lighthouse worker failed (exit ${code})`))));
    child.send({ base, cookies, tasks });
  });
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "payesh-lighthouse-"));
  const { proc, base } = await serve(dir);
  const started = Date.now();
  const rows = [];
  const failures = [];
  try {
    const cookies = {};
    for (const p of pages) cookies[p.user] ??= await signIn(base, p.user);
    for (const p of pages) if (p.indicator) p.path = await indicatorPage(base, cookies[p.user], p.indicator);
    const tasks = pages
      .filter((p) => !only || only.test(p.name) || only.test(p.path))
      .flatMap((page) => formFactors.map((ff) => ({ page, ff })));
    // Dealt round-robin, so each worker gets phones and desktops alike.
    const n = Math.max(1, Math.min(jobs, tasks.length));
    const shares = Array.from({ length: n }, (_, i) => tasks.filter((_, j) => j % n === i));
    for (const r of await Promise.all(shares.map((share) => worker(base, cookies, share)))) {
      rows.push(...r.rows);
      failures.push(...r.failures);
    }
  } finally {
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }

  // scores.md: one row per page, phone and desktop side by side.
  const perfColumn = rows.some((r) => r.perf !== "–");
  const lines = [
    "| page | signed in as | accessibility (phone / desktop) | CLS (phone / desktop) |" + (perfColumn ? " performance (phone / desktop) |" : ""),
    "|---|---|---|---|" + (perfColumn ? "---|" : ""),
  ];
  for (const p of pages) {
    const [m, d] = formFactors.map((ff) => rows.find((r) => r.name === p.name && r.ff === ff));
    if (!m || !d) continue;
    lines.push(`| ${p.name} \`${p.path}\` | ${p.user} | ${m.a11y} / ${d.a11y} | ${m.cls.toFixed(3)} / ${d.cls.toFixed(3)} |` + (perfColumn ? ` ${m.perf} / ${d.perf} |` : ""));
  }
  writeFileSync(path.join(out, "scores.md"), lines.join("\n") + "\n");
  console.log("\n" + lines.join("\n"));
  console.log(`\nreports: ${out}/  (${rows.length} runs, ${jobs} at a time, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (failures.length) {
    console.error("\nFAIL: Lighthouse (accessibility ≥ " + minAccessibility + ", CLS < " + maxCLS + "):\n  " + failures.join("\n  "));
    process.exit(1);
  }
}
