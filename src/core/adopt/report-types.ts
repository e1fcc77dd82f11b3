// The result of `tierplan adopt`, as data: renderers (text, JSON) read only this.
import type { VerifyResult } from '../verify/verify-types.js';
import type { PlacedVerifyFinding } from '../verify/verify-types.js';
import type { AdoptChanges } from './changes.js';
import type { AdoptProposal } from './adopt-types.js';
import type { RouteDiff } from './route-diff.js';

export interface AdoptReport {
  proposal: AdoptProposal;
  changes: AdoptChanges;
  /** Files written (or that would be, with --dry-run). */
  written: string[];
  dryRun: boolean;
  /** The current config judged against the new policy and inventory: what it lets through today. */
  today: { result: VerifyResult; findings: PlacedVerifyFinding[] };
  /** The config `gateway` would generate from them, judged the same way (expected clean). */
  generated: { files: string[]; errors: number; warnings: number };
  routes: RouteDiff[];
}
