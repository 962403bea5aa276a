// What the dashboard's browser tests share: Debian's chromium (never a downloaded browser) with a fresh profile, a
// page that records what it raised, and the step each failure names.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STEP_MS = 15000;

/**
 * Runs `body(page, step)` in a fresh headless chromium; `step(name)` names what is being checked, so a failure says
 * which step broke. Exits non-zero on any failure, or on an error the page raised.
 */
export async function inBrowser(shots, body) {
  mkdirSync(shots, { recursive: true });
  let step = 'start';
  const profile = mkdtempSync(join(tmpdir(), 'durq-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 900 },
    colorScheme: 'light',
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(STEP_MS);
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await body(page, (name) => { step = name; });
    if (pageErrors.length) throw new Error('the page raised: ' + pageErrors.join('; '));
  } catch (error) {
    console.error(`failed at step "${step}": ${error.stack ?? error}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A client of the server's API (JSON in and out), with an API key when one is given; throws on any error status. */
export function apiOf(server, key) {
  const api = new URL('/api/v1/durable', server).toString();
  return async function call(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    if (key) headers.Authorization = `Bearer ${key}`;
    const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
}
