/** File parameters in the form: which fields name a file, what their hint says, what a picked file stands for. */
import { describe, expect, it } from 'vitest';
import type { KindInfo } from '../../app/api.js';
import { acceptsHint, fileFields, pickedPath } from '../../renderer/src/form/file-fields.js';

const kind = { inputs: [{ name: 'data', pathParam: 'data.path', accepts: ['csv'] }, { name: 'images', pathParam: 'images.folder', accepts: ['images'] }] } as unknown as KindInfo;

describe('file fields', () => {
  it('knows the parameters that hold an input path, and offers a picker only where the shell tells paths', () => {
    const files = fileFields(kind);
    expect(files.accepts('data.path')).toEqual(['csv']);
    expect(files.accepts('images.folder')).toEqual(['images']);
    expect(files.accepts('data.source')).toBeUndefined();
    expect(files.pathForFile).toBeUndefined();
    expect(fileFields(kind, () => '/x').pathForFile).toBeTypeOf('function');
    expect(fileFields(undefined).accepts('data.path')).toBeUndefined();
  });

  it('hints at what the field takes, and maps a picked image to its folder and a picked CSV to itself', () => {
    expect(acceptsHint(['csv'])).toMatch(/CSV file/);
    expect(acceptsHint(['images'])).toMatch(/package:mnist/);
    expect(pickedPath('/data/run.csv', ['csv'])).toBe('/data/run.csv');
    expect(pickedPath('/data/digits/0001.png', ['images'])).toBe('/data/digits');
    expect(pickedPath('C:\\data\\digits\\a.png', ['images'])).toBe('C:\\data\\digits');
  });
});
