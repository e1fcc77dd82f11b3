// The shape of a catalog entry. Kept apart from the entries so every area's file can say
// `satisfies Record<string, RuleText>` without importing the whole catalog.

/** Where a code comes from: reading inputs, checking gateway configs, or reviewing usage. */
export type Category = 'input' | 'plan' | 'verify' | 'review';

export type Severity = 'error' | 'warning' | 'info';

/** What an area's file writes for each code. */
export interface RuleText {
  /** The severity a code is reported with unless the situation lowers it (SARIF's default level). */
  readonly severity: Severity;
  /** One line: what it means. */
  readonly description: string;
  /** What to do about it. */
  readonly help: string;
}

export interface CatalogEntry extends RuleText {
  readonly code: string;
  readonly category: Category;
  /** Where the code is documented, relative to the repository root. */
  readonly anchor: string;
}
