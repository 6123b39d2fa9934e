import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { folderName, zipFolder } from './zip-folder.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('zipFolder', () => {
  it('keeps the relative paths, leaves hidden files out and counts what it zipped', () => {
    const files = [
      { path: 'pets/cat/1.png', data: bytes('cat one') },
      { path: 'pets/狗/1.png', data: bytes('dog') },
      { path: 'pets/cat/.DS_Store', data: bytes('x') },
      { path: 'pets/__MACOSX/cat/._1.png', data: bytes('y') },
    ];
    const z = zipFolder(files);
    expect(z.files).toBe(2);
    expect(z.bytes).toBe(10);
    const back = unzipSync(z.zip);
    expect(Object.keys(back).sort()).toEqual(['pets/cat/1.png', 'pets/狗/1.png']);
    expect(new TextDecoder().decode(back['pets/cat/1.png'])).toBe('cat one');
    expect(folderName(files)).toBe('pets');
  });
});
