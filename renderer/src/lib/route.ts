/** The selected view, mirrored in the URL hash so a reload keeps it: "#/new" or "#/runs/<id>". */

export type Route = { view: 'new' } | { view: 'run'; id: string } | { view: 'none' };

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#/, '');
  if (h === '/new') return { view: 'new' };
  const m = /^\/runs\/([0-9a-z-]{1,64})$/.exec(h);
  if (m) return { view: 'run', id: m[1] };
  return { view: 'none' };
}

export function routeHash(route: Route): string {
  if (route.view === 'new') return '#/new';
  if (route.view === 'run') return `#/runs/${route.id}`;
  return '';
}
