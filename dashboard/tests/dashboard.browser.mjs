// The dashboard in a real browser (Debian's chromium driven by playwright-core), against a running `durq serve`:
//   node tests/dashboard.browser.mjs <server-url> <screenshot-dir>
// It enqueues tasks, opens the overview, runs a worker (the pull protocol, here) that completes some and fails the
// others for good, sees the numbers change without a reload, opens a dead task, retries it and sees it pending again.
// A screenshot of every page is written to <screenshot-dir>. Exits non-zero, saying which step failed, on any failure.
import { join } from 'node:path';
import { apiOf, inBrowser } from './browser.mjs';

const [server, shots] = process.argv.slice(2);
if (!server || !shots) throw new Error('usage: dashboard.browser.mjs <server-url> <screenshot-dir>');
const call = apiOf(server);

await inBrowser(shots, async (page, step) => {
  step('enqueue');
  for (let i = 0; i < 4; i++) await call('POST', '/tasks', { activity_type: 'email.send', input: { to: `user${i}@example.com` } });
  for (let i = 0; i < 2; i++) await call('POST', '/tasks', { activity_type: 'report.build', input: { report: i }, options: { max_attempts: 1 } });

  step('overview shows the pending tasks');
  await page.goto(new URL('/', server).toString());
  await page.waitForURL(/\/dashboard\/$/);
  const value = (name) => page.locator(`[data-value="${name}"]`);
  await value('pending').filter({ hasText: /^6$/ }).waitFor();
  await page.locator('table[aria-label="Activity types"] tr[data-id="report.build"]').waitFor();
  // Marks this document: the marker survives only if nothing below reloads the page.
  await page.evaluate(() => { window.__durqNoReload = true; });
  await page.screenshot({ path: join(shots, 'overview-before.png'), fullPage: true });

  step('a worker completes four tasks and fails two for good');
  await call('PUT', '/workers/browser-test-worker', { activity_types: ['email.send', 'report.build'], max_concurrency: 8, hostname: 'e2e', version: '1.0' });
  const { tasks } = await call('POST', '/tasks/claim', { worker_id: 'browser-test-worker', activity_types: ['email.send', 'report.build'], max_tasks: 10 });
  if (tasks.length !== 6) throw new Error(`claimed ${tasks.length} tasks, expected 6`);
  for (const task of tasks) {
    if (task.activity_type === 'email.send') await call('POST', `/tasks/${task.id}/complete`, { lease_id: task.lease_id, result: { sent: true } });
    else await call('POST', `/tasks/${task.id}/fail`, { lease_id: task.lease_id, error: { type: 'template_missing', message: 'no template for report' }, retryable: false });
  }

  step('the overview moves without a reload');
  await value('dlq').filter({ hasText: /^2$/ }).waitFor();
  await value('completed').filter({ hasText: /^4$/ }).waitFor();
  await value('pending').filter({ hasText: /^0$/ }).waitFor();
  if (!(await page.evaluate(() => window.__durqNoReload === true))) throw new Error('the page reloaded');
  await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true });

  step('tasks page');
  await page.click('nav.pages a[data-page="tasks"]');
  await page.locator('table[aria-label="Tasks"] tbody tr').nth(5).waitFor();
  // Keyboard: the first row takes focus, the arrow moves it, Enter opens the task.
  await page.locator('table[aria-label="Tasks"] tbody tr').first().focus();
  await page.keyboard.press('ArrowDown');
  const focusedId = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
  const secondId = await page.locator('table[aria-label="Tasks"] tbody tr').nth(1).getAttribute('data-id');
  if (!focusedId || focusedId !== secondId) throw new Error(`ArrowDown focused ${focusedId}, expected ${secondId}`);
  await page.screenshot({ path: join(shots, 'tasks.png'), fullPage: true });

  step('workers page');
  await page.click('nav.pages a[data-page="workers"]');
  await page.locator('table[aria-label="Workers"] tr[data-id="browser-test-worker"]').waitFor();
  await page.screenshot({ path: join(shots, 'workers.png'), fullPage: true });

  step('dead letters page, grouped');
  await page.click('nav.pages a[data-page="dead-letters"]');
  await page.locator('table[aria-label="Dead tasks by activity type and error type"] tr[data-id="report.build/template_missing"]').waitFor();
  await page.locator('table[aria-label="Dead tasks"] tbody tr').nth(1).waitFor();
  await page.screenshot({ path: join(shots, 'dead-letters.png'), fullPage: true });

  step('a dead task, retried from its page');
  await page.locator('table[aria-label="Dead tasks"] tbody tr').first().locator('a').click();
  await page.waitForURL(/\/dashboard\/tasks\/[0-9a-f-]{36}$/);
  await page.locator('h1 .badge', { hasText: 'dead' }).waitFor();
  await page.locator('table[aria-label="Failed attempts"]', { hasText: 'template_missing' }).waitFor();
  await page.screenshot({ path: join(shots, 'task-dead.png'), fullPage: true });
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.locator('h1 .badge', { hasText: 'pending' }).waitFor();
  const id = page.url().split('/').pop();
  const task = await call('GET', '/tasks/' + id);
  if (task.status !== 'pending' || task.requeue_count !== 1) throw new Error(`after retry: ${task.status}, requeue_count ${task.requeue_count}`);
  await page.screenshot({ path: join(shots, 'task-retried.png'), fullPage: true });

  step('dark mode');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.click('nav.pages a[data-page="overview"]');
  await value('dlq').filter({ hasText: /^1$/ }).waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  if (background !== 'rgb(17, 19, 24)') throw new Error('dark mode background is ' + background);
  await page.screenshot({ path: join(shots, 'overview-dark.png'), fullPage: true });

  if (!(await page.evaluate(() => window.__durqNoReload === true))) throw new Error('the page reloaded');
  console.log('dashboard browser test passed; live mode: ' + (await page.locator('#live-mode').textContent()));
});
