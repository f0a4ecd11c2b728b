/**
 * The editing state of a parameter set for one kind: values, the text of each text field, local
 * parse errors, and the engine's verdict from `params:validate` (debounced). Used by the sweep
 * form for its base parameters.
 */
import { ApiError, type KindInfo, type ParamIssue } from '../../../app/api.js';
import type { AppApi } from '../api/index.js';
import { placeIssues, fieldPaths } from './issues.js';
import { cloneParams, getPath, setPath, type Params } from './paths.js';
import { buildFields, formatFieldText, parseFieldText, textFields, type FieldNode, type TextField, type UnionField } from './schema-fields.js';

const VALIDATE_DELAY_MS = 200;

export class ParamEditor {
  kind = $state<KindInfo | null>(null);
  fields = $state<FieldNode[]>([]);
  values = $state<Params>({});
  texts = $state<Record<string, string>>({});
  localErrors = $state<Record<string, string>>({});
  issues = $state<ParamIssue[]>([]);
  validating = $state(false);
  validateError = $state<string | null>(null);

  #api: AppApi;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #seq = 0;

  constructor(api: AppApi) {
    this.#api = api;
  }

  get errors(): Map<string, string[]> {
    const placed = placeIssues(this.issues, fieldPaths(this.fields, this.values));
    const map = new Map<string, string[]>();
    for (const [path, list] of placed.byPath) map.set(path, [...list]);
    for (const [path, message] of Object.entries(this.localErrors)) map.set(path, [message]);
    return map;
  }

  get problemCount(): number {
    return this.issues.length + Object.keys(this.localErrors).length;
  }

  setKind(kind: KindInfo, params: Record<string, unknown> = kind.defaults): void {
    this.kind = kind;
    this.fields = buildFields(kind.paramsSchema);
    this.load(params);
  }

  load(params: Record<string, unknown>): void {
    const next = cloneParams(params);
    const texts: Record<string, string> = {};
    for (const f of textFields(this.fields, next)) texts[f.path] = formatFieldText(f, getPath(next, f.path));
    this.values = next;
    this.texts = texts;
    this.localErrors = {};
    this.issues = [];
    this.schedule();
  }

  ontext = (field: TextField, text: string): void => {
    this.texts[field.path] = text;
    const parsed = parseFieldText(field, text);
    if (parsed.ok) {
      setPath(this.values, field.path, parsed.value);
      delete this.localErrors[field.path];
    } else {
      this.localErrors[field.path] = parsed.error;
    }
    this.schedule();
  };

  onvalue = (path: string, value: unknown): void => {
    setPath(this.values, path, value);
    delete this.localErrors[path];
    this.schedule();
  };

  onvariant = (field: UnionField, tag: string | number | boolean): void => {
    const variant = field.variants.find((v) => v.value === tag);
    if (!variant) return;
    const current = getPath(this.values, field.path);
    const kept = typeof current === 'object' && current !== null ? (current as Params) : {};
    const next: Params = cloneParams(variant.defaults);
    for (const child of variant.children) {
      if (kept[child.key] !== undefined && child.key !== field.discriminator) next[child.key] = cloneParams(kept[child.key]);
    }
    next[field.discriminator] = tag;
    setPath(this.values, field.path, next);
    for (const p of Object.keys(this.localErrors)) if (p.startsWith(`${field.path}.`)) delete this.localErrors[p];
    for (const f of textFields(this.fields, this.values)) {
      if (f.path.startsWith(`${field.path}.`)) this.texts[f.path] = formatFieldText(f, getPath(this.values, f.path));
    }
    this.schedule();
  };

  snapshot(): Params {
    return $state.snapshot(this.values) as Params;
  }

  schedule(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.validating = true;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.validate();
    }, VALIDATE_DELAY_MS);
  }

  async validate(): Promise<void> {
    const seq = ++this.#seq;
    const kind = this.kind;
    if (!kind) {
      this.validating = false;
      return;
    }
    try {
      const result = await this.#api.call('params:validate', { kind: kind.id, params: this.snapshot() });
      if (seq !== this.#seq) return;
      this.issues = result;
      this.validateError = null;
    } catch (err) {
      if (seq !== this.#seq) return;
      if (err instanceof ApiError && err.code === 'invalid_params' && err.issues) this.issues = err.issues;
      else {
        this.issues = [];
        this.validateError = err instanceof Error ? err.message : String(err);
      }
    } finally {
      if (seq === this.#seq) this.validating = false;
    }
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
  }
}
