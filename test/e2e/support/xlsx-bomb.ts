// A minimal .xlsx workbook whose sheet reads its cells from the shared strings, and the same
// workbook with shared strings that expand to gigabytes from a couple of MiB on disk.
import { buildZip, deflateBomb, entry, type BuildEntry } from '../../import/support/zip-build.js';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Inventory" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SST_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const STRINGS = ['id', 'name', 'owner', 'claims-triage', 'Claims triage', 'claims@example.com'];
const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c></row></sheetData></worksheet>`;

const si = (s: string): string => `<si><t>${s}</t></si>`;

function workbook(sharedStrings: BuildEntry): Buffer {
  return buildZip([
    entry('[Content_Types].xml', CONTENT_TYPES),
    entry('_rels/.rels', RELS),
    entry('xl/workbook.xml', WORKBOOK),
    entry('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    sharedStrings,
    entry('xl/worksheets/sheet1.xml', SHEET),
  ]);
}

/** A small honest workbook: a header (id, name, owner) and one use case. */
export function smallWorkbook(): Buffer {
  return workbook(entry('xl/sharedStrings.xml', `${SST_HEAD}${STRINGS.map(si).join('')}</sst>`));
}

/**
 * The same workbook with 60 MiB of shared strings (under the size limit) made of one-letter
 * rich-text strings: 2.6 million strings and as many runs, each an object in the reader's memory.
 */
export function richTextStrings(): Buffer {
  const one = '<si><r><t>a</t></r></si>';
  const block = one.repeat(Math.floor((1024 * 1024) / one.length));
  const tail = `${STRINGS.map(si).join('')}</sst>`;
  const packed = deflateBomb(SST_HEAD, block, 60, tail);
  return workbook({
    name: 'xl/sharedStrings.xml',
    packed,
    declared: SST_HEAD.length + block.length * 60 + tail.length,
  });
}

/**
 * The same workbook with shared strings that inflate to `gib` GiB (1 MiB blocks of one long
 * string each): about 1 KiB on disk per MiB unpacked. `honest` declares the true size in the
 * zip's headers; otherwise they claim the size of the small workbook's shared strings.
 */
export function sharedStringsBomb(gib: number, honest: boolean): Buffer {
  const block = si('x'.repeat(1024 * 1024 - 20));
  const repeat = gib * 1024;
  const tail = `${STRINGS.map(si).join('')}</sst>`;
  const packed = deflateBomb(SST_HEAD, block, repeat, tail);
  const size = SST_HEAD.length + block.length * repeat + tail.length;
  return workbook({
    name: 'xl/sharedStrings.xml',
    packed,
    declared: honest ? Math.min(size, 0xfffffffe) : 200,
  });
}
