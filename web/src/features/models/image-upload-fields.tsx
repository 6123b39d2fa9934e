import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { Field } from '../../components/controls.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { formatNumber } from '../../lib/format.js';
import { folderName, zipFolder } from './zip-folder.js';

/** An image upload ready to send: the zip and what it holds. */
export interface PickedImages {
  name: string;
  zip: Blob;
  /** Files in the zip (a picked .zip: unknown until the server reads it). */
  files: number | null;
}

/**
 * The two ways to give the Models page an image folder: pick the folder itself (`webkitdirectory`; the
 * browser reads its files and zips them, hidden files left out) or pick a .zip of it. Either way the page
 * sends one `application/zip` body; the server checks paths, counts and sizes before training.
 */
export function ImageUploadFields({ picked, onPicked }: { picked: PickedImages | null; onPicked: (p: PickedImages | null) => void }) {
  const { t, lang } = useI18n();
  const folderInput = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  // React's typings lack `webkitdirectory`; set the attribute on the element itself.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const onFolder = async (event: ChangeEvent<HTMLInputElement>) => {
    const list = Array.from(event.target.files ?? []);
    if (list.length === 0) return;
    setReading(true);
    try {
      const files = await Promise.all(list.map(async (f) => ({ path: f.webkitRelativePath || f.name, data: new Uint8Array(await f.arrayBuffer()) })));
      const zipped = zipFolder(files);
      onPicked({ name: folderName(files), zip: new Blob([zipped.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), files: zipped.files });
    } finally {
      setReading(false);
    }
  };
  const onZip = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    onPicked({ name: file.name.replace(/\.zip$/i, ''), zip: file.type === 'application/zip' ? file : new Blob([file], { type: 'application/zip' }), files: null });
  };

  return (
    <>
      <Field label={t('models.folder')}>
        <input ref={folderInput} type="file" multiple className="input" onChange={(e) => void onFolder(e)} data-testid="models-folder" />
      </Field>
      <Field label={t('models.zip')}>
        <input type="file" accept=".zip,application/zip" className="input" onChange={onZip} data-testid="models-zip" />
      </Field>
      <span className="muted small" data-testid="models-picked">
        {reading ? t('models.reading') : picked ? t('models.picked', { name: picked.name, files: picked.files === null ? '?' : formatNumber(picked.files, lang) }) : ''}
      </span>
    </>
  );
}
