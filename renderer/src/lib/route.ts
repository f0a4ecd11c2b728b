/**
 * The selected view, mirrored in the URL hash so a reload keeps it:
 * "#/new", "#/runs/<id>", "#/compare/<id>,<id>", "#/aggregate/<id>,<id>", "#/sweeps/new",
 * "#/sweeps/<id>", "#/docs", "#/docs/<kind>" and "#/reproduce".
 */

export type Route =
  | { view: 'new' }
  | { view: 'run'; id: string }
  | { view: 'compare'; ids: string[] }
  | { view: 'aggregate'; ids: string[] }
  | { view: 'new-sweep' }
  | { view: 'sweep'; id: string }
  | { view: 'docs'; kind: string | null }
  | { view: 'reproduce' }
  | { view: 'none' };

const ID = '[0-9a-z-]{1,64}';
const IDS = new RegExp(`^(${ID}(?:,${ID}){0,63})$`);

function idList(text: string): string[] | null {
  if (!IDS.test(text)) return null;
  return [...new Set(text.split(','))];
}

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#/, '');
  if (h === '/new') return { view: 'new' };
  if (h === '/sweeps/new') return { view: 'new-sweep' };
  if (h === '/docs') return { view: 'docs', kind: null };
  if (h === '/reproduce') return { view: 'reproduce' };
  let m = new RegExp(`^/runs/(${ID})$`).exec(h);
  if (m) return { view: 'run', id: m[1]! };
  m = new RegExp(`^/sweeps/(${ID})$`).exec(h);
  if (m) return { view: 'sweep', id: m[1]! };
  m = /^\/docs\/([A-Za-z0-9_-]{1,64})$/.exec(h);
  if (m) return { view: 'docs', kind: m[1]! };
  m = /^\/(compare|aggregate)\/(.+)$/.exec(h);
  if (m) {
    const ids = idList(m[2]!);
    if (ids) return m[1] === 'compare' ? { view: 'compare', ids } : { view: 'aggregate', ids };
  }
  return { view: 'none' };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'new':
      return '#/new';
    case 'run':
      return `#/runs/${route.id}`;
    case 'compare':
      return `#/compare/${route.ids.join(',')}`;
    case 'aggregate':
      return `#/aggregate/${route.ids.join(',')}`;
    case 'new-sweep':
      return '#/sweeps/new';
    case 'sweep':
      return `#/sweeps/${route.id}`;
    case 'docs':
      return route.kind ? `#/docs/${route.kind}` : '#/docs';
    case 'reproduce':
      return '#/reproduce';
    case 'none':
      return '';
  }
}
