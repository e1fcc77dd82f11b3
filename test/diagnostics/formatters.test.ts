// The shared formatters on diagnostics of every shape: placed, in a file only, about no file.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostics/diagnostic.js';
import { annotation, escapeData, escapeProperty, renderAnnotations } from '../../src/render/diagnostics/github.js';
import { DIAGNOSTIC_FORMATTERS, renderDiagnostics } from '../../src/render/diagnostics/formats.js';
import { diagnosticJson } from '../../src/render/diagnostics/json.js';
import { sarifLog } from '../../src/render/diagnostics/sarif.js';
import { renderDiagnosticsText } from '../../src/render/diagnostics/text.js';

const placed: Diagnostic = {
  code: 'unknown-key',
  severity: 'error',
  message: 'unknown key "nmae"',
  hint: 'did you mean "name"?',
  file: 'inventory.yaml',
  line: 4,
  column: 5,
};
const routed: Diagnostic = {
  code: 'uncleared-tier',
  severity: 'error',
  message: '"claims" can reach "oai"',
  file: 'gw/config.yaml',
  path: '$.router_settings.fallbacks[0]',
  use_case: 'claims',
  evidence: { path: ['model group "claims"', 'fallbacks', 'model_list[3]'] },
};
const review: Diagnostic = {
  code: 'unreadable',
  severity: 'warning',
  message: '2 rows could not be read',
  evidence: {
    figures: { months: [], rows: 2 },
    rows: [
      { file: 'spend.csv', line: 7, reason: 'bad number' },
      { file: 'spend.csv', line: 9, reason: 'no date' },
    ],
  },
};
const expiring: Diagnostic = {
  code: 'override-expiring',
  severity: 'info',
  message: 'claims: override expires soon',
  use_case: 'claims',
};

describe('text', () => {
  it('is file:line:col (then the JSONPath) severity code: message, the hint and the path a request takes indented', () => {
    expect(renderDiagnosticsText([placed, routed, review])).toBe(
      [
        'inventory.yaml:4:5: error unknown-key: unknown key "nmae"',
        '  did you mean "name"?',
        'gw/config.yaml: $.router_settings.fallbacks[0]: error uncleared-tier: "claims" can reach "oai"',
        '    model group "claims" → fallbacks → model_list[3]',
        'warning unreadable: 2 rows could not be read',
        '',
      ].join('\n'),
    );
    expect(renderDiagnosticsText([])).toBe('');
  });
});

describe('json', () => {
  it('has a fixed key order, leaves out what is absent and links the rules page', () => {
    expect(Object.keys(diagnosticJson(routed))).toEqual([
      'severity',
      'code',
      'message',
      'file',
      'path',
      'use_case',
      'evidence',
      'help',
    ]);
    expect(diagnosticJson(placed)).toEqual({ ...placed, help: 'docs/rules.md#unknown-key' });
    const doc = JSON.parse(renderDiagnostics([expiring], 'json', { version: '1.0.0' })) as {
      schema_version: number;
      diagnostics: unknown[];
    };
    expect(doc).toEqual({
      schema_version: 1,
      diagnostics: [
        {
          severity: 'info',
          code: 'override-expiring',
          message: expiring.message,
          use_case: 'claims',
          help: 'docs/rules.md#override-expiring',
        },
      ],
    });
  });
});

describe('sarif', () => {
  const log = sarifLog([placed, routed, review, expiring], {
    version: '1.2.3',
    rulesUrl: 'https://example.com/tierplan/docs/rules.md',
  }) as any;
  const run = log.runs[0];

  it('is SARIF 2.1.0 with one rule per code used, in catalog order, described from the catalog', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(run.tool.driver).toMatchObject({ name: 'tierplan', version: '1.2.3' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'unknown-key',
      'uncleared-tier',
      'override-expiring',
      'unreadable',
    ]);
    expect(run.tool.driver.rules[1]).toEqual({
      id: 'uncleared-tier',
      name: 'UnclearedTier',
      shortDescription: { text: 'A use case can reach a tier not cleared for its data' },
      fullDescription: { text: expect.stringMatching(/^Remove the route/) },
      help: { text: expect.stringMatching(/^Remove the route/) },
      helpUri: 'https://example.com/tierplan/docs/rules.md#uncleared-tier',
      defaultConfiguration: { level: 'error' },
    });
    expect(run.tool.driver.rules[2].defaultConfiguration).toEqual({ level: 'note' });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('places results physically and logically, puts hint and path in the message, and the use case in properties', () => {
    const [a, b, c, d] = run.results;
    expect(run.tool.driver.rules[a.ruleIndex].id).toBe('unknown-key');
    expect(a.message.text).toBe('unknown key "nmae"\ndid you mean "name"?');
    expect(a.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'inventory.yaml' }, region: { startLine: 4, startColumn: 5 } } },
    ]);
    expect(b.message.text).toBe('"claims" can reach "oai"\nPath: model group "claims" → fallbacks → model_list[3]');
    expect(b.locations[0].logicalLocations).toEqual([
      { fullyQualifiedName: '$.router_settings.fallbacks[0]', kind: 'member' },
    ]);
    expect(b.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(b.properties).toEqual({ use_case: 'claims' });
    expect(c).not.toHaveProperty('locations');
    expect(c.relatedLocations[1]).toEqual({
      id: 1,
      message: { text: 'no date' },
      physicalLocation: { artifactLocation: { uri: 'spend.csv' }, region: { startLine: 9 } },
    });
    expect(c.properties).toEqual({ months: [], rows: 2 });
    expect(d.level).toBe('note');
  });

  it('percent-encodes file names into URI references', () => {
    const r = sarifLog([{ ...placed, file: './gate way\\cönfig.yaml' }], { version: '1' }) as any;
    expect(r.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('gate%20way/c%C3%B6nfig.yaml');
  });

  it('refuses a rule list that misses a code a result uses: its ruleIndex would point nowhere', () => {
    expect(() => sarifLog([placed], { version: '1', rules: ['yaml-syntax'] })).toThrow(/unknown-key/);
  });
});

describe('GitHub annotations', () => {
  it('is ::severity file,line,col,title::message; info is a notice; properties without a value are left out', () => {
    expect(annotation(placed)).toBe(
      '::error file=inventory.yaml,line=4,col=5,title=unknown-key::unknown key "nmae"%0Adid you mean "name"?',
    );
    expect(annotation(expiring)).toBe('::notice title=override-expiring::claims: override expires soon');
    expect(annotation({ ...placed, line: undefined, column: undefined, severity: 'warning', hint: undefined })).toBe(
      '::warning file=inventory.yaml,title=unknown-key::unknown key "nmae"',
    );
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A');
    const tricky: Diagnostic = {
      code: 'yaml-syntax',
      severity: 'error',
      message: 'bad: 50%\nsee line 2',
      file: 'dir,1/a:b.yaml',
      line: 2,
      column: 1,
    };
    expect(annotation(tricky)).toBe(
      '::error file=dir%2C1/a%3Ab.yaml,line=2,col=1,title=yaml-syntax::bad: 50%25%0Asee line 2',
    );
  });

  it('is one line per diagnostic, whatever its message holds', () => {
    const out = renderAnnotations([placed, routed, review]);
    expect(out.split('\n')).toHaveLength(4);
    expect(out.split('\n')[1]).toBe(
      '::error file=gw/config.yaml,title=uncleared-tier::"claims" can reach "oai"%0APath: model group "claims" → fallbacks → model_list[3]',
    );
  });
});

describe('registry', () => {
  it('offers text, json, sarif and github, each naming every code and ending with a newline', () => {
    expect(Object.keys(DIAGNOSTIC_FORMATTERS)).toEqual(['text', 'json', 'sarif', 'github']);
    for (const format of ['text', 'json', 'sarif', 'github'] as const) {
      const out = renderDiagnostics([placed, review], format, { version: '1.0.0' });
      expect(out, format).toMatch(/unknown-key[\s\S]*unreadable/);
      expect(out.endsWith('\n'), format).toBe(true);
    }
  });
});
