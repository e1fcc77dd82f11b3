// The configs of one gateway, read into what adopt proposes from: connections, the names
// applications call (with where their primary route ends), and notes.
import { portkeyPaths } from '../verify/portkey.js';
import { aliasOfFile, isConditional, readRoutes } from '../verify/portkey-findings.js';
import type { ConfigInput } from '../verify/verify-types.js';
import { readLitellmConnections } from './litellm-connections.js';
import { readPortkeyConnections } from './portkey-connections.js';
import type { AdoptSource } from './propose.js';

export function litellmSource(file: string, config: unknown): AdoptSource {
  const read = readLitellmConnections(file, config);
  return {
    dialect: 'litellm',
    files: [file],
    connections: read.connections,
    names: read.names.map((n) => ({ ...n, file, leafFile: file })),
    fallbackGroups: read.fallbackGroups,
    notes: read.notes,
  };
}

/**
 * Portkey: a per-use-case config is called by its file's name (`claims-triage.json`); a
 * conditional config by the names in the `routes.json` beside it, each taking the branch its
 * metadata selects (without one, by the names of its branches).
 */
export function portkeySource(configs: ConfigInput[]): AdoptSource {
  const source: AdoptSource = {
    dialect: 'portkey',
    files: configs.map((c) => c.file),
    connections: [],
    names: [],
    fallbackGroups: [],
    notes: [],
  };
  for (const c of configs) {
    const routes = c.metadata ? readRoutes(c.metadata.value) : null;
    const conditional = isConditional(c.value);
    const read = readPortkeyConnections(c.file, c.value, aliasOfFile(c.file));
    source.connections.push(...read.connections);
    source.notes.push(...read.notes);
    const primaryOf = (metadata: Record<string, unknown>) =>
      portkeyPaths(c.value, metadata)
        .paths.filter((p) => p.primary)
        .map((p) => p.leaf);
    if (conditional && routes !== null && c.metadata) {
      for (const [alias, metadata] of routes)
        source.names.push({
          name: alias,
          file: c.metadata.file,
          steps: [alias],
          aliasOf: null,
          primary: primaryOf(metadata),
          leafFile: c.file,
        });
    } else if (conditional) {
      const names = new Set(read.connections.map((x) => x.name));
      for (const name of names) {
        const leaves = read.connections.filter((x) => x.name === name).map((x) => x.steps);
        source.names.push({
          name,
          file: c.file,
          steps: [],
          aliasOf: null,
          primary: leaves.slice(0, 1),
          leafFile: c.file,
        });
      }
      source.notes.push({
        file: c.file,
        path: '$.strategy.conditions',
        steps: ['strategy', 'conditions'],
        code: 'adopt-not-understood',
        message:
          'a conditional config without a routes.json beside it: which metadata applications send is not known, so each branch is read as a name of its own',
      });
    } else {
      source.names.push({
        name: aliasOfFile(c.file),
        file: c.file,
        steps: [],
        aliasOf: null,
        primary: primaryOf({}),
        leafFile: c.file,
      });
    }
  }
  return source;
}
