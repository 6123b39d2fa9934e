import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeTabular, fitTabularEncoding, loadCsv, parseCsvTable } from './tabular.js';

const CSV = `customerID,tenure,Contract,TotalCharges,Churn
a1,1,Month-to-month,29.85,Yes
a2,34,One year,1889.5,No
a3,2,Month-to-month, ,Yes
a4,45,One year,1840.75,No
a5,8,Two year,820.5,No
`;

describe('tabular CSV', () => {
  it('one-hot encodes categories, imputes missing numbers, drops identifier columns and encodes the target', () => {
    const { header, rows } = parseCsvTable(CSV);
    const enc = fitTabularEncoding(header, rows, { target: 'Churn' });
    expect(enc.dropped).toEqual([{ name: 'customerID', reason: '5 distinct values (identifier-like)' }]);
    expect(enc.featureNames).toEqual(['tenure', 'Contract=Month-to-month', 'Contract=One year', 'Contract=Two year', 'TotalCharges']);
    expect(enc.target).toEqual({ name: 'Churn', task: 'classification', classes: ['No', 'Yes'] });
    const d = encodeTabular(header, rows, enc);
    expect(d.x.shape).toEqual([5, 5]);
    expect(Array.from(d.y.data)).toEqual([1, 0, 1, 0, 0]);
    const mean = (29.85 + 1889.5 + 1840.75 + 820.5) / 4;
    expect(d.x.data[2 * 5 + 4]).toBeCloseTo(mean, 2);
    expect(Array.from(d.x.data.subarray(0, 5))).toEqual([1, 1, 0, 0, Math.fround(29.85)]);
    // The encoding survives JSON (it is saved beside the model).
    expect(JSON.parse(JSON.stringify(enc))).toEqual(enc);
  });

  it('skips rows with unknown labels or missing targets and zero-encodes unknown categories', () => {
    const { header, rows } = parseCsvTable(CSV);
    const enc = fitTabularEncoding(header, rows, { target: 'Churn' });
    const test = parseCsvTable(`tenure,Contract,TotalCharges,Churn\n3,Weekly,10,Maybe\n4,Weekly,11,\n5,Weekly,12,No\n`);
    const d = encodeTabular(test.header, test.rows, enc);
    expect(d.skipped).toEqual([{ row: 1, reason: 'label "Maybe" is not a training class' }, { row: 2, reason: 'missing target' }]);
    expect(Array.from(d.x.data)).toEqual([5, 0, 0, 0, 12]);
  });

  it('regression targets, and coded errors for bad input', async () => {
    const csv = 'a,b,price\n' + Array.from({ length: 30 }, (_, i) => `${i},x${i % 3},${i * 1.5}`).join('\n');
    const { header, rows } = parseCsvTable(csv);
    const enc = fitTabularEncoding(header, rows, { target: 'price' });
    expect(enc.target.task).toBe('regression');
    expect(encodeTabular(header, rows, enc).y.shape).toEqual([30, 1]);
    expect(() => fitTabularEncoding(header, rows, { target: 'nope' })).toThrow(/not in the CSV/);
    expect(() => fitTabularEncoding(['a', 't'], [['1', 'x'], ['2', 'x']], { target: 't' })).toThrow(/fewer than two classes/);
    expect(() => encodeTabular(['b', 'price'], rows, enc)).toThrow(/missing from the CSV/);
    const dir = await mkdtemp(path.join(tmpdir(), 'ns-csv-'));
    await writeFile(path.join(dir, 't.csv'), CSV);
    const loaded = await loadCsv(path.join(dir, 't.csv'), { target: 'Churn' });
    expect(loaded.x.shape).toEqual([5, 5]);
    await expect(loadCsv(path.join(dir, 'missing.csv'), { target: 'Churn' })).rejects.toMatchObject({ code: 'NN_INVALID_DATA' });
    await rm(dir, { recursive: true, force: true });
  });
});
