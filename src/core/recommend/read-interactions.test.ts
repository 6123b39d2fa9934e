import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { parseTime } from './interaction-table.js';
import { readInteractions, sniffSeparator } from './read-interactions.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-recommend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof NorthstarError ? error.code : 'not-a-NorthstarError';
  }
  return undefined;
}

describe('readInteractions', () => {
  it('reads a headerless MovieLens-style TSV as user, item, rating, time', () => {
    const t = readInteractions(file('u.data', '196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t302\t5\t881250950\n'));
    expect(t.userIds).toEqual(['196', '186']);
    expect(t.itemIds).toEqual(['242', '302']);
    expect(Array.from(t.users)).toEqual([0, 1, 0]);
    expect(Array.from(t.items)).toEqual([0, 1, 1]);
    expect(Array.from(t.weights)).toEqual([3, 3, 5]);
    expect(t.times?.[2]).toBe(881250950);
  });

  it('reads a CSV with a header by column names, guessing unnamed roles, and parses ISO times', () => {
    const p = file('events.csv', 'InvoiceNo,StockCode,Quantity,InvoiceDate,CustomerID\n1,A,2,2011-01-02 10:00:00,17850.0\n2,B,-1,2011-01-03 10:00:00,17850.0\n3,A,1,2011-01-04 10:00:00,\n');
    const t = readInteractions(p, { userCol: 'CustomerID', itemCol: 'StockCode' });
    expect(t.userIds).toEqual(['17850']);
    expect(Array.from(t.weights)).toEqual([2]);
    expect(t.skipped).toBe(2); // negative quantity and empty customer
    expect(t.times?.[0]).toBe(Date.UTC(2011, 0, 2, 10) / 1000);
  });

  it('takes 1-based positions, on a file with or without a header', () => {
    const t = readInteractions(file('pos.csv', 'x,alice,book\ny,bob,pen\n'), { userCol: '2', itemCol: '3' });
    expect(t.userIds).toEqual(['alice', 'bob']);
    expect(t.times).toBeUndefined();
    const gz = readInteractions(file('pos.tsv.gz', gzipSync('7\t8\n9\t8\n')), { sep: '\\t' });
    expect(gz.itemIds).toEqual(['8']);
  });

  it('weights events by name when an event column is given', () => {
    const t = readInteractions(file('ev.csv', 'distinct_id,event,product_id\nu1,view,p1\nu1,purchase,p2\nu1,logout,p3\n'), {
      eventCol: 'event',
    });
    expect(Array.from(t.weights)).toEqual([1, 5]);
    expect(t.skipped).toBe(1);
  });

  it.each([
    ['a missing file', () => readInteractions(path.join(dir, 'nope.csv')), 'IMPORT_FILE_NOT_FOUND'],
    ['an empty file', () => readInteractions(file('empty.csv', '\n\n')), 'NO_INTERACTIONS'],
    ['a header-only file', () => readInteractions(file('header.csv', 'user,item\n')), 'NO_INTERACTIONS'],
    ['an unknown column name', () => readInteractions(file('h.csv', 'user,item\na,b\n'), { itemCol: 'sku' }), 'UNKNOWN_COLUMN'],
    ['a position past the last column', () => readInteractions(file('p.csv', '1,2\n'), { itemCol: '5' }), 'UNKNOWN_COLUMN'],
    ['no recognisable user column', () => readInteractions(file('n.csv', 'foo,bar\na,b\n')), 'UNKNOWN_COLUMN'],
    ['a multi-character separator', () => readInteractions(file('s.csv', '1,2\n'), { sep: '::' }), 'INVALID_ARGUMENT'],
  ])('rejects %s with a coded error', (_name, fn, code) => {
    expect(codeOf(fn)).toBe(code);
  });

  it('sniffs separators and parses times', () => {
    expect(sniffSeparator('a\tb\tc\n')).toBe('\t');
    expect(sniffSeparator('a;b;c\n')).toBe(';');
    expect(parseTime('1700000000000')).toBe(1700000000);
    expect(parseTime('2020-01-01T00:00:00Z')).toBe(1577836800);
    expect(parseTime('not a date')).toBeNaN();
  });
});
