import { describe, expect, it } from 'vitest';
import { readCsvHeader } from './csv-header.js';

describe('readCsvHeader', () => {
  it('reads plain, quoted and BOM-prefixed headers up to the first line end', () => {
    expect(readCsvHeader('a,b,label\n1,2,x\n')).toEqual(['a', 'b', 'label']);
    expect(readCsvHeader('\uFEFF"city, country","say ""hi""",y\r\n1,2,3')).toEqual(['city, country', 'say "hi"', 'y']);
  });

  it('gives no columns for an empty file', () => {
    expect(readCsvHeader('')).toEqual([]);
    expect(readCsvHeader('\n1,2')).toEqual([]);
  });
});
