// Signing in to the dashboard of a server that needs a key, in a real browser (Debian's chromium):
//   node tests/dashboard.signin.browser.mjs <server-url> <screenshot-dir> <api-key with read, manage and enqueue>
// The page asks for a key, refuses a wrong one by asking again, shows the tenant's tasks with the right one, keeps it
// for the tab across a reload, and forgets it on "Sign out". Exits non-zero, saying which step failed, on any failure.
import { join } from 'node:path';
import { apiOf, inBrowser } from './browser.mjs';

const [server, shots, key] = process.argv.slice(2);
if (!server || !shots || !key) throw new Error('usage: dashboard.signin.browser.mjs <server-url> <screenshot-dir> <api-key>');
const call = apiOf(server, key);

await inBrowser(shots, async (page, step) => {
  const dialog = page.locator('dialog[aria-label="Sign in"]');
  const keyInput = dialog.locator('input[name="api-key"]');
  const pending = page.locator('[data-value="pending"]');
  const signOut = page.getByRole('button', { name: 'Sign out' });
  const storedKey = () => page.evaluate(() => sessionStorage.getItem('durq.apiKey'));

  step('enqueue with the key');
  for (let i = 0; i < 3; i++) await call('POST', '/tasks', { activity_type: 'invoice.render', input: { invoice: i } });

  step('the page asks for a key');
  await page.goto(new URL('/dashboard/', server).toString());
  await dialog.waitFor();
  if (await signOut.isVisible()) throw new Error('"Sign out" is shown before anyone signed in');
  await page.screenshot({ path: join(shots, 'sign-in.png'), fullPage: true });

  step('a wrong key is refused by asking again');
  await keyInput.fill('durq_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  // The dialog closes, the refused requests are tried with the wrong key, and a new dialog asks again.
  await dialog.waitFor();
  if ((await pending.filter({ hasText: /^3$/ }).count()) > 0) throw new Error('the tasks were shown with a wrong key');

  step('the right key opens the overview');
  await keyInput.fill(key);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await pending.filter({ hasText: /^3$/ }).waitFor();
  await page.locator('table[aria-label="Activity types"] tr[data-id="invoice.render"]').waitFor();
  await signOut.waitFor();
  if ((await storedKey()) !== key) throw new Error('the key is not kept in sessionStorage');

  step('a reload keeps the key for the tab');
  await page.reload();
  await pending.filter({ hasText: /^3$/ }).waitFor();
  if (await dialog.isVisible()) throw new Error('asked for a key again after a reload');

  step('sign out forgets the key');
  await signOut.click();
  await dialog.waitFor();
  if ((await storedKey()) !== null) throw new Error('the key is still in sessionStorage after signing out');
  console.log('dashboard sign-in test passed');
});
