/** The "Export for a cluster" form: empty fields left out, numbers as integers, the first problem named by its field. */
import { describe, expect, it } from 'vitest';
import { clusterOptions, EMPTY_CLUSTER_FIELDS, folderProblem } from '../../renderer/src/lib/cluster-form.js';

describe('cluster form', () => {
  it('gives only the fields filled in, numbers as numbers', () => {
    expect(clusterOptions({ ...EMPTY_CLUSTER_FIELDS, partition: ' gpu ', cpusPerTask: '4', arrayMax: '10' })).toEqual({ ok: true, slurm: { partition: 'gpu', cpusPerTask: 4, arrayMax: 10 } });
    expect(clusterOptions(EMPTY_CLUSTER_FIELDS)).toEqual({ ok: true, slurm: {} });
  });

  it.each([
    [{ cpusPerTask: '2.5' }, 'CPUs per task: a whole number'],
    [{ time: 'tomorrow' }, 'Time limit: a time limit such as 01:30:00 or 2-00:00:00'],
    [{ mem: '4 GB' }, 'Memory: a memory size such as 4G or 500M'],
    [{ partition: 'a;b' }, 'Partition: a partition name: letters, digits, and _ . , - (as Slurm names it)'],
  ])('names the field of %o', (fields, message) => {
    expect(clusterOptions({ ...EMPTY_CLUSTER_FIELDS, ...fields })).toEqual({ ok: false, error: message });
  });

  it('asks for an absolute folder', () => {
    expect(folderProblem('')).toBe('Give the folder.');
    expect(folderProblem('jobs/a')).toMatch(/absolute path/);
    expect(folderProblem('/home/me/jobs/a')).toBeNull();
    expect(folderProblem('C:\\jobs\\a')).toBeNull();
  });
});
