// Moving between pages without a reload; the shell (main.ts) listens for the event and renders the page.

export function navigate(path: string, replaceState = false): void {
  const url = '/dashboard' + path;
  if (replaceState) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new Event('durq-route'));
}
