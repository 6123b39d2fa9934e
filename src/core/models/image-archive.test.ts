import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { extractImageArchive, planImageArchive } from './image-archive.js';

const zipOf = (names: string[]): Uint8Array => zipSync(Object.fromEntries(names.map((n) => [n, strToU8(`bytes of ${n}`)])));

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('planImageArchive', () => {
  it('maps <class>/<file>, strips shared top folders, ignores hidden and misplaced files', () => {
    const plan = planImageArchive(
      zipOf(['shapes/README.txt', 'shapes/cat/1.png', 'shapes/cat/2.png', 'shapes/狗/1.png', 'shapes/__MACOSX/cat/._1.png', 'shapes/cat/.DS_Store', 'shapes/cat/deep/3.png']),
    );
    expect(plan.classes).toEqual(['cat', '狗']);
    expect(plan.images.map((i) => `${i.className}/${i.fileName}`).sort()).toEqual(['cat/1.png', 'cat/2.png', '狗/1.png']);
    expect(plan.ignored).toEqual(
      expect.arrayContaining([
        { entry: 'shapes/README.txt', reason: 'not in a class folder' },
        { entry: 'shapes/__MACOSX/cat/._1.png', reason: 'hidden' },
        { entry: 'shapes/cat/.DS_Store', reason: 'hidden' },
        { entry: 'shapes/cat/deep/3.png', reason: 'nested folder' },
      ]),
    );
  });

  it('keeps a single class folder as a class (the trainer then names the problem)', () => {
    expect(planImageArchive(zipOf(['cat/1.png', 'cat/2.png'])).classes).toEqual(['cat']);
    expect(planImageArchive(zipOf(['top/cat/1.png'])).images).toEqual([{ entry: 'top/cat/1.png', className: 'cat', fileName: '1.png' }]);
  });

  it.each([['../evil/x.png'], ['cat/../../x.png'], ['/etc/cron.d/x'], ['C:/Windows/x.png'], ['cat\\..\\..\\x.png']])('refuses the zip-slip path %s', (name) => {
    expect(() => planImageArchive(zipOf(['cat/ok.png', name]))).toThrow(expect.objectContaining({ code: 'UPLOAD_UNSAFE_PATH' }));
  });

  it('refuses too many files and too many inflated bytes', () => {
    const names = Array.from({ length: 6 }, (_, i) => `c${i % 2}/${i}.png`);
    expect(() => planImageArchive(zipOf(names), { maxFiles: 5, maxUncompressedBytes: 1e9 })).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
    expect(() => planImageArchive(zipOf(names), { maxFiles: 100, maxUncompressedBytes: 40 })).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
  });

  it('refuses a body that is not a zip', () => {
    expect(() => planImageArchive(strToU8('cat,dog\n1,2\n'))).toThrow(expect.objectContaining({ code: 'UPLOAD_INVALID_ARCHIVE' }));
    const zip = zipOf(['a/1.png', 'b/1.png']);
    expect(() => planImageArchive(zip.subarray(0, zip.length - 30))).toThrow(expect.objectContaining({ code: 'UPLOAD_INVALID_ARCHIVE' }));
  });
});

describe('extractImageArchive', () => {
  it('writes exactly the planned files under <dest>/<class>/<file>', async () => {
    const dest = await mkdtemp(join(tmpdir(), 'ns-archive-'));
    dirs.push(dest);
    const zip = zipOf(['set/a/1.png', 'set/a/2.png', 'set/b/1.png', 'set/.hidden']);
    const written = await extractImageArchive(zip, planImageArchive(zip), dest);
    expect(written).toBe(3);
    expect((await readdir(dest)).sort()).toEqual(['a', 'b']);
    expect(await readFile(join(dest, 'a', '2.png'), 'utf8')).toBe('bytes of set/a/2.png');
  });
});
