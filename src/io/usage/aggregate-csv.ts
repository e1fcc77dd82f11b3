// Reads aggregate CSV files (the result of `review --emit-sql` run in a warehouse, saved as CSV;
// plain or gzip) into the accumulator, one record at a time. The header is checked before any
// record is added: a file of another format or version fails fast (exit 2).
import { open } from 'node:fs/promises';
import type { UsageAccumulator } from '../../core/review/aggregate.js';
import type { PlacedDiagnostic } from '../../core/diagnostics/problems.js';
import { InputError } from '../source/errors.js';
import {
  addAggregateRecord,
  aggregateColumns,
  missingAggregateColumns,
  versionProblem,
  type AggregateColumns,
} from './aggregate-records.js';
import { CsvCells } from './cells.js';
import { CsvScanner } from './csv-scanner.js';
import { shown } from './formats.js';
import { diag, openBytes } from './plan-file.js';
import type { Tally } from './record-sink.js';

const GZIP_MAGIC = 0x1f8b;

/** Whether a file starts like an aggregate CSV (its header names `tierplan_aggregate`). */
export async function isAggregateFile(file: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const buf = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead >= 2 && buf.readUInt16BE(0) === GZIP_MAGIC) return false;
    return /^\uFEFF?"?tierplan_aggregate"?[,;\t]/i.test(buf.toString('utf8', 0, bytesRead));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** Adds every record of the aggregate files to `acc`; counts what was read into `tally`. */
export async function readAggregateCsv(
  files: string[],
  acc: UsageAccumulator,
  tally: Tally,
  providerNames?: Readonly<Record<string, string>>,
): Promise<void> {
  for (const file of files) await readOne(file, acc, tally, providerNames);
}

async function readOne(
  file: string,
  acc: UsageAccumulator,
  tally: Tally,
  providerNames: Readonly<Record<string, string>> | undefined,
): Promise<void> {
  const gzip = file.endsWith('.gz');
  const cells = new CsvCells();
  let columns: AggregateColumns | undefined;
  let width = 0;
  let checkedVersion = false;
  const fail = (message: string, hint: string, line = 1): never => {
    const d: PlacedDiagnostic = diag(file, 'missing-columns', message, hint, line);
    throw new InputError([d]);
  };
  const scanner = new CsvScanner((r) => {
    if (columns === undefined) {
      const names: string[] = [];
      for (let i = 0; i < r.count; i++) names.push(r.field(i).replace(/^\uFEFF/, ''));
      columns = aggregateColumns(names);
      width = names.length;
      const missing = missingAggregateColumns(columns);
      if (missing.length > 0)
        fail(
          `not an aggregate of tierplan's format: missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}; found: ${shown(names)}`,
          'produce the file with the SQL `tierplan review --emit-sql` prints, saved with its header',
        );
      return;
    }
    if (r.count !== width) {
      tally.counts.read++;
      tally.counts.rejected++;
      if (tally.rejected.length < 20)
        tally.rejected.push({ file, line: r.line, reason: `has ${r.count} fields, the header has ${width}` });
      return;
    }
    cells.r = r;
    if (!checkedVersion) {
      const problem = versionProblem(cells, columns);
      if (problem !== undefined)
        fail(problem, 'the aggregate format is versioned: schemas/usage-aggregate.schema.json', r.line);
      checkedVersion = true;
    }
    addAggregateRecord(cells, columns, file, r.line, acc, tally, providerNames);
  });
  await new Promise<void>((resolve, reject) => {
    const input = openBytes(file, gzip);
    input.on('data', (chunk: Buffer) => {
      try {
        scanner.write(chunk);
      } catch (e) {
        input.destroy();
        reject(e);
      }
    });
    input.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new InputError([
          diag(
            file,
            e.code === 'ENOENT' ? 'file-not-found' : 'unreadable-file',
            `cannot read the aggregate ${file}: ${e.message}`,
          ),
        ]),
      ),
    );
    input.on('end', () => {
      try {
        scanner.end();
        if (columns === undefined)
          fail('file is empty: expected an aggregate CSV with a header line', 'save the query result with its header');
        resolve();
      } catch (e) {
        reject(e);
      }
    });
  });
}
