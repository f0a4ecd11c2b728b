/**
 * The library actions shared by the table, the selection bar, the run view and the shortcuts:
 * move to the trash (after confirmation, with Undo), restore, re-run with a new seed (asking before
 * one the engine refuses as too costly is forced, as a start does), data and
 * bundle export, bundle import.
 */
import { getContext, setContext } from 'svelte';
import type { ImportReport, RunDetail } from '../../../app/api.js';
import type { AppApi } from '../api/index.js';
import { dataFileStem, runsToCsv, runsToJson } from '../../../view/data-export.js';
import { saveText } from '../lib/download.js';
import type { Route } from '../lib/route.js';
import type { LibraryState } from './library.svelte.js';
import { errorText, ui } from './ui.svelte.js';
import { startConfirmingCost } from '../form/cost-confirm.js';

export interface Actions {
  api: AppApi;
  library: LibraryState;
  go(route: Route): void;
  trash(ids: string[], label?: string): Promise<boolean>;
  restore(ids: string[]): Promise<void>;
  rerun(id: string): Promise<void>;
  exportData(ids: string[], format: 'csv' | 'json'): Promise<void>;
  exportBundle(ids: string[]): Promise<void>;
  importBundle(text: string): Promise<ImportReport>;
}

function runsWord(n: number): string {
  return `${n} run${n === 1 ? '' : 's'}`;
}

export function createActions(api: AppApi, library: LibraryState, go: (route: Route) => void): Actions {
  const actions: Actions = {
    api,
    library,
    go,
    async trash(ids, label) {
      if (!ids.length) return false;
      const what = label ?? runsWord(ids.length);
      const ok = await ui.confirm({
        title: 'Move to the trash',
        message: `Move ${what} to the trash? You can restore ${ids.length === 1 ? 'it' : 'them'} from the Trash tab.`,
        confirmLabel: 'Move to trash',
        danger: true,
      });
      if (!ok) return false;
      try {
        const { deleted } = await api.call('runs:delete', ids);
        library.forget(ids);
        ui.toast(`Moved ${runsWord(deleted)} to the trash.`, { action: { label: 'Undo', run: () => actions.restore(ids) } });
        void library.refresh();
        return true;
      } catch (err) {
        ui.error(`Could not move to the trash: ${errorText(err)}`);
        return false;
      }
    },
    async restore(ids) {
      try {
        const { restored } = await api.call('runs:restore', ids);
        library.forget(ids);
        ui.toast(`Restored ${runsWord(restored)}.`);
        void library.refresh();
      } catch (err) {
        ui.error(`Could not restore: ${errorText(err)}`);
      }
    },
    async rerun(id) {
      try {
        const summary = await startConfirmingCost('run', (force) => (force ? api.call('runs:rerun', id, { force }) : api.call('runs:rerun', id)), (q) => ui.confirm(q));
        if (!summary) return;
        library.upsert(summary);
        library.scheduleRefresh(0);
        go({ view: 'run', id: summary.id });
      } catch (err) {
        ui.error(`Could not re-run: ${errorText(err)}`);
      }
    },
    async exportData(ids, format) {
      try {
        const details: RunDetail[] = [];
        for (const id of ids) {
          const d = await api.call('runs:get', id);
          if (d) details.push(d);
        }
        const stem = dataFileStem(ids);
        if (format === 'csv') saveText(runsToCsv(details), `${stem}.csv`, 'text/csv');
        else saveText(runsToJson(details), `${stem}.json`, 'application/json');
        ui.toast(`Saved ${stem}.${format} (${runsWord(details.length)}).`);
      } catch (err) {
        ui.error(`Could not export the data: ${errorText(err)}`);
      }
    },
    async exportBundle(ids) {
      try {
        const file = await api.call('bundles:export', { ids });
        saveText(file.text, file.filename, 'application/json');
        ui.toast(`Saved ${file.filename} (${runsWord(ids.length)}).`);
      } catch (err) {
        ui.error(`Could not export the bundle: ${errorText(err)}`);
      }
    },
    async importBundle(text) {
      const report = await api.call('bundles:import', { text });
      void library.refresh();
      return report;
    },
  };
  return actions;
}

const KEY = Symbol('limitlab-actions');

export function provideActions(actions: Actions): void {
  setContext(KEY, actions);
}

export function useActions(): Actions {
  const actions = getContext<Actions | undefined>(KEY);
  if (!actions) throw new Error('library actions are not provided');
  return actions;
}
