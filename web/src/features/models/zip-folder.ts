import { zipSync } from 'fflate';

/** One picked file: its path inside the picked folder (`webkitRelativePath`) and its bytes. */
export interface FolderFile {
  path: string;
  data: Uint8Array;
}

/** A zipped folder ready to upload. */
export interface ZippedFolder {
  zip: Uint8Array;
  /** Files put in the archive (hidden files such as `.DS_Store` are left out). */
  files: number;
  bytes: number;
}

const hidden = (path: string): boolean => path.split('/').some((s) => s.startsWith('.') || s === '__MACOSX');

/**
 * Zips a folder picked with `<input webkitdirectory>` so the image upload is one request the server can
 * check before it trains (paths, counts, sizes). Stored without compression (level 0): images are already
 * compressed, and deflating them would only cost the browser time.
 */
export function zipFolder(files: readonly FolderFile[]): ZippedFolder {
  const kept = files.filter((f) => !hidden(f.path));
  const zip = zipSync(Object.fromEntries(kept.map((f) => [f.path, f.data])), { level: 0 });
  return { zip, files: kept.length, bytes: kept.reduce((sum, f) => sum + f.data.length, 0) };
}

/** The folder's name (first segment of the relative paths), used as the model's default name. */
export function folderName(files: readonly FolderFile[]): string {
  return files[0]?.path.split('/')[0] ?? 'images';
}
