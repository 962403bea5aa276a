// The shell: navigation, the client-side router (paths under /dashboard/, which the server answers with index.html),
// sign-in with an API key when the server asks for one, and the light/dark switch.

import './styles.css';
import { apiKey, onUnauthorized, setApiKey } from './api';
import { currentMode, subscribe, type LiveMode } from './live';
import { h, replace } from './ui';
import { navigate } from './nav';
import { renderOverview } from './pages/overview';
import { renderTasks } from './pages/tasks';
import { renderTask } from './pages/task';
import { renderDeadLetters } from './pages/dlq';
import { renderWorkers } from './pages/workers';

export type Render = (root: HTMLElement, params: Record<string, string>) => (() => void) | void;

const routes: { pattern: RegExp; name: string; render: Render }[] = [
  { pattern: /^\/?$/, name: 'overview', render: renderOverview },
  { pattern: /^\/tasks\/?$/, name: 'tasks', render: renderTasks },
  { pattern: /^\/tasks\/(?<id>[^/]+)\/?$/, name: 'tasks', render: renderTask },
  { pattern: /^\/dead-letters\/?$/, name: 'dead-letters', render: renderDeadLetters },
  { pattern: /^\/workers\/?$/, name: 'workers', render: renderWorkers },
];

const NAV = [
  ['overview', '/', 'Overview'],
  ['tasks', '/tasks', 'Tasks'],
  ['dead-letters', '/dead-letters', 'Dead letters'],
  ['workers', '/workers', 'Workers'],
] as const;

let dispose: (() => void) | void;


function route(): void {
  dispose?.();
  dispose = undefined;
  const path = location.pathname.replace(/^\/dashboard/, '') || '/';
  const main = document.getElementById('main')!;
  const match = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.pages a')) {
    a.toggleAttribute('aria-current', a.dataset.page === match?.r.name);
  }
  main.replaceChildren();
  if (!match) {
    replace(main, h('h2', {}, 'Not found'), h('p', {}, 'No page here. ', h('a', { href: '/dashboard/', 'data-nav': true }, 'Go to the overview.')));
    return;
  }
  const params = Object.fromEntries(Object.entries(match.m!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
  dispose = match.r.render(main, params);
  main.focus({ preventScroll: true });
}

function shell(): void {
  const themeButton = h('button', { class: 'secondary theme', title: 'Switch between light and dark', 'aria-label': 'Theme' });
  const signOut = h('button', { class: 'secondary', hidden: !apiKey() }, 'Sign out');
  signOut.addEventListener('click', () => {
    setApiKey(null);
    location.reload();
  });
  const liveBadge = h('span', { class: 'live', id: 'live-mode' });
  document.body.replaceChildren(
    h('header', {},
      h('a', { class: 'brand', href: '/dashboard/', 'data-nav': true }, 'Durq'),
      h('nav', { class: 'pages', 'aria-label': 'Pages' },
        ...NAV.map(([page, path, title]) => h('a', { href: '/dashboard' + path, 'data-nav': true, 'data-page': page }, title))),
      h('div', { class: 'tools' }, liveBadge, themeButton, signOut)),
    h('main', { id: 'main', tabindex: -1 }),
    h('div', { id: 'notices', 'aria-live': 'polite' }));
  setUpTheme(themeButton);
  const showMode = (mode: LiveMode) => {
    liveBadge.textContent = { connecting: 'connecting…', stream: '● live', polling: '● polling every 2 s' }[mode];
    liveBadge.dataset.mode = mode;
    liveBadge.title = mode === 'stream' ? 'Updates arrive on the event stream.' : 'This server has no event stream; the page asks every 2 s.';
  };
  showMode(currentMode());
  subscribe({ mode: showMode });

  document.addEventListener('click', (event) => {
    const a = (event.target as Element).closest<HTMLAnchorElement>('a[data-nav]');
    if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(a.getAttribute('href')!.replace(/^\/dashboard/, '') || '/');
  });
  window.addEventListener('popstate', route);
  window.addEventListener('durq-route', route);
}

type Theme = 'system' | 'light' | 'dark';

function setUpTheme(button: HTMLButtonElement): void {
  const apply = (theme: Theme) => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    button.textContent = { system: '◐ Auto', light: '☀ Light', dark: '☾ Dark' }[theme];
    window.dispatchEvent(new Event('durq-theme'));
  };
  let theme = (localStorage.getItem('durq.theme') as Theme | null) ?? 'system';
  apply(theme);
  button.addEventListener('click', () => {
    theme = theme === 'system' ? 'dark' : theme === 'dark' ? 'light' : 'system';
    localStorage.setItem('durq.theme', theme);
    apply(theme);
  });
}

/** Asks for a key until one is given; the API client retries the refused request with it. */
function signInPrompt(reason: string): Promise<void> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'password', name: 'api-key', autocomplete: 'off', required: true, placeholder: 'durq_…', 'aria-label': 'API key' });
    const dialog = h('dialog', { class: 'sign-in', 'aria-label': 'Sign in' },
      h('form', { method: 'dialog' },
        h('h2', {}, 'Sign in'),
        h('p', {}, reason),
        h('p', { class: 'muted' }, 'Use an API key with the read scope to look; actions (cancel, retry, drain) need manage. ' +
          'An operator makes one with: durq keys create --tenant default --scopes read,manage. ' +
          'The key stays in this tab (sessionStorage) and is sent as Authorization: Bearer.'),
        input,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in'))));
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    dialog.addEventListener('close', () => {
      setApiKey(input.value.trim());
      dialog.remove();
      document.querySelector<HTMLButtonElement>('header .tools button:last-child')!.hidden = false;
      resolve();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

onUnauthorized(signInPrompt);
shell();
route();
