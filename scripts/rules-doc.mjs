// Writes docs/rules.md from the diagnostic catalog of the built package (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { renderRulesDoc } from '../dist/render/diagnostics/rules-doc.js';

writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc());
