// Small DOM helpers: elements, tables a keyboard can walk, times, dialogs and notices.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

/** An element: h('a', {href: '/x', onclick: fn}, 'text', child). Attributes that are false or null are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export interface Column<T> {
  title: string;
  cell: (row: T) => Child;
  numeric?: boolean;
}

/**
 * A table whose rows are focusable: Tab reaches the table, arrow keys (and j/k, Home, End) move between rows, Enter
 * opens the row (`open`). Buttons inside a row keep their own keys.
 */
export function table<T>(columns: Column<T>[], rows: T[], options: { open?: (row: T) => void; label: string; rowId?: (row: T) => string }): HTMLTableElement {
  const body = h('tbody');
  for (const row of rows) {
    const tr = h('tr', { tabindex: 0, 'data-id': options.rowId?.(row) ?? null });
    for (const column of columns) tr.appendChild(h('td', { class: column.numeric ? 'num' : null }, column.cell(row)));
    if (options.open) {
      const open = options.open;
      tr.classList.add('clickable');
      tr.addEventListener('click', (event) => {
        if (!(event.target as Element).closest('button, a, input, select')) open(row);
      });
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && event.target === tr) open(row);
      });
    }
    body.appendChild(tr);
  }
  body.addEventListener('keydown', (event) => walkRows(event, body));
  return h('table', { 'aria-label': options.label },
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.title)))),
    body);
}

function walkRows(event: KeyboardEvent, body: HTMLElement): void {
  const rows = [...body.querySelectorAll<HTMLTableRowElement>(':scope > tr')];
  const current = (event.target as Element).closest('tr');
  const index = current ? rows.indexOf(current as HTMLTableRowElement) : -1;
  const target = { ArrowDown: index + 1, j: index + 1, ArrowUp: index - 1, k: index - 1, Home: 0, End: rows.length - 1 }[event.key];
  if (target === undefined || (event.target as Element).matches('input, select, textarea')) return;
  event.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, target))]?.focus();
}

export function badge(status: string): HTMLElement {
  return h('span', { class: 'badge status-' + status.replace(/[^a-z_]/g, '') }, status);
}

export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href: base(href), 'data-nav': true }, ...children);
}

/** A path under the dashboard: base('/tasks') = '/dashboard/tasks'. */
export function base(path: string): string {
  return '/dashboard' + path;
}

export function when(iso: string | undefined): HTMLElement | string {
  if (!iso) return '—';
  return h('time', { datetime: iso, title: new Date(iso).toLocaleString() }, relative(iso));
}

export function relative(iso: string): string {
  const seconds = (Date.now() - Date.parse(iso)) / 1000;
  const text = duration(Math.abs(seconds));
  return seconds >= 0 ? text + ' ago' : 'in ' + text;
}

export function duration(seconds: number): string {
  if (seconds < 1) return 'now';
  if (seconds < 60) return Math.round(seconds) + ' s';
  if (seconds < 3600) return Math.round(seconds / 60) + ' min';
  if (seconds < 86400) return (seconds / 3600).toFixed(1).replace(/\.0$/, '') + ' h';
  return (seconds / 86400).toFixed(1).replace(/\.0$/, '') + ' d';
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function json(value: unknown): HTMLElement {
  return h('pre', { class: 'json' }, value === undefined ? '—' : JSON.stringify(value, null, 2));
}

/** A notice in the corner that goes away by itself. */
export function notify(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const area = document.getElementById('notices')!;
  const notice = h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status' }, message);
  area.appendChild(notice);
  setTimeout(() => notice.remove(), 6000);
}

/** A modal question; resolves true when the person confirms. */
export function confirmAction(question: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-label': 'Confirm' },
      h('p', {}, question),
      h('div', { class: 'actions' },
        h('button', { value: 'cancel', class: 'secondary', onclick: () => dialog.close('cancel') }, 'Cancel'),
        h('button', { value: 'ok', class: 'danger', onclick: () => dialog.close('ok') }, confirmLabel)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/** A panel for a page with nothing to show yet, saying what to run next. */
export function emptyState(title: string, ...body: Child[]): HTMLElement {
  return h('div', { class: 'empty' }, h('h3', {}, title), ...body);
}

export function code(text: string): HTMLElement {
  const pre = h('pre', { class: 'command' }, h('code', {}, text));
  const copy = h('button', { class: 'copy secondary', title: 'Copy to the clipboard' }, 'Copy');
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(text).then(() => notify('Copied.')));
  return h('div', { class: 'command-box' }, pre, copy);
}

/** The seed page's curl, pointed at this server. */
export function enqueueExample(): string {
  return `curl --request POST \\
  --url ${location.origin}/api/v1/durable/tasks \\
  --header 'Content-Type: application/json' \\
  --data '{ "activity_type": "session.run", "input": "example", "options": { "max_attempts": 3, "priority": 10 } }'`;
}

export function workerExample(activityType = 'session.run'): string {
  return `dotnet run --project src/Durq.Cli -- worker --activity-type ${activityType} -- cat
# or, with durq installed: durq worker --activity-type ${activityType} --concurrency 4 -- python3 handler.py`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
