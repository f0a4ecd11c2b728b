/**
 * Placing parameter issues on the form: each issue goes to the field whose path equals its path,
 * or to the nearest enclosing field ("eig.3" -> "eig"); the rest are general.
 */
import type { ParamIssue } from '../../../app/api.js';
import { currentVariant, type FieldNode } from './schema-fields.js';
import type { Params } from './paths.js';

/** Paths of every field and fieldset shown for these values (unions as currently selected). */
export function fieldPaths(fields: readonly FieldNode[], values: Params): Set<string> {
  const out = new Set<string>();
  const walk = (list: readonly FieldNode[]) => {
    for (const f of list) {
      out.add(f.path);
      if (f.type === 'object') walk(f.children);
      else if (f.type === 'union') {
        out.add(`${f.path}.${f.discriminator}`);
        const v = currentVariant(f, values);
        if (v) walk(v.children);
      }
    }
  };
  walk(fields);
  return out;
}

/** The path of the field an issue belongs to, or '' when none encloses it. */
export function issueTarget(path: string, paths: ReadonlySet<string>): string {
  let p = path;
  while (p !== '') {
    if (paths.has(p)) return p;
    const dot = p.lastIndexOf('.');
    p = dot < 0 ? '' : p.slice(0, dot);
  }
  return '';
}

export interface PlacedIssues {
  byPath: Map<string, string[]>;
  general: ParamIssue[];
}

export function placeIssues(issues: readonly ParamIssue[], paths: ReadonlySet<string>): PlacedIssues {
  const byPath = new Map<string, string[]>();
  const general: ParamIssue[] = [];
  for (const issue of issues) {
    const target = issueTarget(issue.path, paths);
    if (!target) {
      general.push(issue);
      continue;
    }
    const sub = issue.path.slice(target.length).replace(/^\./, '');
    // Name the sub-path (e.g. the list item) unless the message already names the parameter.
    const message = sub && !issue.message.includes(issue.path) ? `${sub}: ${issue.message}` : issue.message;
    const list = byPath.get(target) ?? [];
    if (!list.includes(message)) list.push(message);
    byPath.set(target, list);
  }
  return { byPath, general };
}
