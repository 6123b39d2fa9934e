/**
 * The column names of a CSV's first line, read in the browser so the target can be chosen before upload.
 * Handles quoted names with commas and doubled quotes and a UTF-8 BOM (what spreadsheets write); the server
 * parses the whole file again with a full CSV parser.
 */
export function readCsvHeader(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') break;
    else cell += ch;
  }
  out.push(cell.trim());
  return out.length === 1 && out[0] === '' ? [] : out;
}
