import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NorthstarError } from '../../common/errors.js';
import { detectDelimiter, mapLabels, readLabelledTexts, resolveColumn } from './labelled-texts.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ns-labelled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof NorthstarError ? e.code : 'not-coded';
  }
  return undefined;
}

describe('detectDelimiter', () => {
  it('picks tab, comma or semicolon outside quotes', () => {
    expect(detectDelimiter('label\ttext_a')).toBe('\t');
    expect(detectDelimiter('label,review')).toBe(',');
    expect(detectDelimiter('"a;b",c')).toBe(',');
    expect(detectDelimiter('id;text;label')).toBe(';');
  });
});

describe('resolveColumn', () => {
  it('finds a column by name, case-insensitively, or by 1-based position', () => {
    expect(resolveColumn(['label', 'text_a'], 'text_a', '--text-col')).toBe(1);
    expect(resolveColumn(['Label', 'Text'], 'text', '--text-col')).toBe(1);
    expect(resolveColumn(['label', 'text_a'], '1', '--label-col')).toBe(0);
    expect(codeOf(() => resolveColumn(['label', 'text_a'], 'review', '--text-col'))).toBe('UNKNOWN_COLUMN');
    expect(codeOf(() => resolveColumn(['label', 'text_a'], '3', '--text-col'))).toBe('UNKNOWN_COLUMN');
  });
});

describe('mapLabels', () => {
  it('maps numeric values in the order of --labels and literal strings', () => {
    expect(mapLabels(['0', '1', '1'], ['neg', 'pos'])).toMatchObject({ indices: [0, 1, 1], classes: ['negative', 'positive'] });
    expect(mapLabels(['bad', 'ok', 'Good'], ['bad', 'ok', 'good'])).toMatchObject({ indices: [0, 1, 2], classes: ['negative', 'neutral', 'positive'] });
    expect(codeOf(() => mapLabels(['2'], ['neg', 'pos']))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => mapLabels(['0'], ['a', 'b', 'c', 'd']))).toBe('INVALID_ARGUMENT');
  });

  it('infers two or three classes from the values without --labels', () => {
    expect(mapLabels(['0', '1'], undefined).classes).toEqual(['negative', 'positive']);
    expect(mapLabels(['0', '2', '1'], undefined).classes).toEqual(['negative', 'neutral', 'positive']);
    expect(mapLabels(['positive', 'neg', '中性'], undefined)).toMatchObject({ indices: [2, 0, 1] });
    expect(codeOf(() => mapLabels(['meh'], undefined))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => mapLabels(['5'], undefined))).toBe('INVALID_ARGUMENT');
  });
});

describe('readLabelledTexts', () => {
  it('reads a TSV with quotes inside texts and a CSV with quoted commas', () => {
    const tsv = readLabelledTexts({ file: file('a.tsv', 'label\ttext_a\n1\the said "great"\n0\tbad, really\n'), textCol: 'text_a', labelCol: 'label', labels: ['neg', 'pos'] });
    expect(tsv.delimiter).toBe('\t');
    expect(tsv.samples).toEqual([{ text: 'he said "great"', label: 1 }, { text: 'bad, really', label: 0 }]);
    const csv = readLabelledTexts({ file: file('b.csv', '\uFEFFid,review,label\n1,"好,很好",pos\n2,差,neg\n'), textCol: '2', labelCol: 'label' });
    expect(csv.samples).toEqual([{ text: '好,很好', label: 1 }, { text: '差', label: 0 }]);
  });

  it('fails with coded errors on a missing file, column or labelled row', () => {
    expect(codeOf(() => readLabelledTexts({ file: path.join(dir, 'nope.csv'), textCol: 'a', labelCol: 'b' }))).toBe('NOT_FOUND');
    const f = file('c.csv', 'text,label\nok,1\n');
    expect(codeOf(() => readLabelledTexts({ file: f, textCol: 'review', labelCol: 'label' }))).toBe('UNKNOWN_COLUMN');
    expect(codeOf(() => readLabelledTexts({ file: file('d.csv', 'text,label\n'), textCol: 'text', labelCol: 'label' }))).toBe('INVALID_ARGUMENT');
  });
});
