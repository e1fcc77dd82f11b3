// What a spreadsheet reader hands the importer: the header, then rows one at a time.

interface RowSink {
  add(cells: readonly string[], line: number, warning?: string): void;
  /** A record that cannot be read as a row (e.g. a quote never closed). */
  skip(line: number, reason: string): void;
}

/** Called with the header once it is read; returns where rows go. Called again if the file is re-read. */
export type StartRows = (header: string[], headerLine: number) => RowSink;

export interface TableInfo {
  /** For the summary: "utf8", "windows-1252 (detected: the file is not valid UTF-8)", "xlsx, sheet \"Inventory\"". */
  source: string;
  encoding?: 'utf8' | 'windows-1252';
  delimiter?: string;
  sheet?: string;
  /** How rows are numbered in messages: CSV lines or sheet rows. */
  unit: 'line' | 'row';
}

/** Thrown by a StartRows or RowSink to stop reading early (e.g. after the header); not an error. */
export class StopReading extends Error {
  override name = 'StopReading';
}
