/** Paper links: the desktop shell opens them in the system browser; the browser host follows them as ordinary links. */
import { describe, expect, it, vi } from 'vitest';
import { arxivUrl, openPaperLink } from '../../renderer/src/lib/paper-links.js';

describe('paper links', () => {
  it('point at the arXiv abstract page', () => {
    expect(arxivUrl(' 2308.08977 ')).toBe('https://arxiv.org/abs/2308.08977');
    expect(arxivUrl('x/y?z')).toBe('https://arxiv.org/abs/x%2Fy%3Fz');
  });

  it('in the desktop app go to the shell, which opens them (the click does not navigate the window)', async () => {
    const openExternal = vi.fn(async () => ({ ok: true as const, result: {} }));
    const errors: string[] = [];
    expect(openPaperLink('https://arxiv.org/abs/1', { openExternal }, (m) => errors.push(m))).toBe('shell');
    await Promise.resolve();
    expect(openExternal).toHaveBeenCalledWith('https://arxiv.org/abs/1');
    expect(errors).toEqual([]);
  });

  it('report a refusal of the shell', async () => {
    const openExternal = vi.fn(async () => ({ ok: false as const, error: { code: 'bad_request' as const, message: 'cannot open the link: only https' } }));
    const errors: string[] = [];
    openPaperLink('http://arxiv.org/abs/1', { openExternal }, (m) => errors.push(m));
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toEqual(['cannot open the link: only https']);
  });

  it('in the browser host are left to the browser (target=_blank rel=noopener)', () => {
    expect(openPaperLink('https://arxiv.org/abs/1', undefined, () => {})).toBe('browser');
    expect(openPaperLink('https://arxiv.org/abs/1', {}, () => {})).toBe('browser');
  });
});
