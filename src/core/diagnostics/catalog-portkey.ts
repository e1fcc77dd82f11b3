// What `tierplan verify` finds wrong in a Portkey config itself: what the gateway rejects at
// request time or silently ignores. Each is reported inside a `config-problem` finding whose
// message starts with the code.
import type { RuleText } from './catalog-types.js';

export const PORTKEY_RULES = {
  'legacy-config': {
    severity: 'error',
    description: 'The config uses the legacy (v1) "options" format, which the gateway rejects.',
    help: 'Write targets with a strategy instead.',
  },
  'incomplete-node': {
    severity: 'error',
    description:
      'A node has neither provider and api_key, nor strategy and targets, nor cache, retry or request_timeout: the gateway rejects it.',
    help: 'Add the provider and api_key of the upstream, or a strategy with targets.',
  },
  'vertex-fields-missing': {
    severity: 'error',
    description: 'A vertex-ai target lacks vertex_region and vertex_project_id (or vertex_service_account_json).',
    help: 'Add the Vertex AI fields the message names.',
  },
  'missing-targets': {
    severity: 'error',
    description: 'A node with a strategy has no targets.',
    help: 'Give the node a non-empty targets list.',
  },
  'targets-without-strategy': {
    severity: 'warning',
    description: 'A provider node lists targets but has no strategy, so the targets are not used.',
    help: 'Add a strategy with a mode, or remove the targets.',
  },
  'missing-strategy-mode': {
    severity: 'error',
    description: 'A strategy has no mode.',
    help: 'Set strategy.mode to single, loadbalance, fallback or conditional.',
  },
  'unknown-strategy-mode': {
    severity: 'error',
    description: 'strategy.mode is not one the gateway knows.',
    help: 'Use single, loadbalance, fallback or conditional.',
  },
  'status-codes-ignored': {
    severity: 'warning',
    description: 'on_status_codes is set on a node that is not a fallback node, where it is ignored.',
    help: 'Move it to the fallback node, or remove it.',
  },
  'conditions-ignored': {
    severity: 'warning',
    description: 'conditions or default are set on a node that is not conditional, where they are ignored.',
    help: 'Make the node conditional, or remove them.',
  },
  'weight-ignored': {
    severity: 'warning',
    description: 'A weight is set on a target of a node that does not load-balance, where it is ignored.',
    help: 'Remove the weight, or make the parent a loadbalance node.',
  },
  'invalid-weight': {
    severity: 'error',
    description: 'A load-balance weight is not a number of 0 or more.',
    help: 'Write a number; an omitted weight counts as 1.',
  },
  'zero-weight': {
    severity: 'warning',
    description: 'A target has weight 0 and never receives traffic.',
    help: 'Remove the target, or give it a positive weight.',
  },
  'all-zero-weights': {
    severity: 'error',
    description: 'Every target of a loadbalance node has weight 0: the gateway fails every request.',
    help: 'Give at least one target a positive weight (an omitted weight counts as 1).',
  },
  'duplicate-target-name': {
    severity: 'error',
    description:
      'Two targets of a node have the same name: conditions reach only the first (a warning when no condition uses names).',
    help: 'Give every target its own name.',
  },
  'missing-conditions': {
    severity: 'error',
    description: 'A conditional node has no conditions.',
    help: 'Add strategy.conditions, each with a query and a then.',
  },
  'missing-query': {
    severity: 'error',
    description: 'A condition has no query.',
    help: 'Add a query to the condition.',
  },
  'missing-target-name': {
    severity: 'error',
    description: "A condition's then or the default is not a target name.",
    help: 'Name a target of the node (a string).',
  },
  'dangling-target-name': {
    severity: 'error',
    description: "A condition's then or the default names no target of the node: the gateway answers 400.",
    help: "Name one of the node's targets, or give the target that name.",
  },
  'unreachable-target': {
    severity: 'warning',
    description: 'No condition and no default names a target (or it has no name), so it never receives traffic.',
    help: 'Name it in a condition or the default, or remove it.',
  },
  'empty-query': {
    severity: 'warning',
    description:
      'An empty query or operator map matches every request: later conditions and the default are never used.',
    help: 'Write the condition the query is meant to test.',
  },
  'query-short-circuit': {
    severity: 'error',
    description: 'Keys after an $and or $or in the same query are ignored by the gateway.',
    help: 'One key per query object: put every condition inside one $and.',
  },
  'query-multiple-keys': {
    severity: 'warning',
    description: 'A query has several keys; the gateway ANDs them only in some orders.',
    help: 'One key per query object: combine them with $and.',
  },
  'unknown-operator': {
    severity: 'error',
    description: 'A query uses an operator the gateway does not support, or a $-key that is neither $and nor $or.',
    help: 'Use $eq $ne $gt $gte $lt $lte $in $nin $regex, and $and or $or to combine.',
  },
  'invalid-operator-value': {
    severity: 'error',
    description:
      'An operator gets a value of the wrong kind ($in without a list, $and without sub-queries…), so the condition never holds.',
    help: 'Give the operator the kind of value the message names.',
  },
  'invalid-query-value': {
    severity: 'error',
    description: 'A list stands where a value or an operator map is expected: the gateway answers 400.',
    help: 'To match any of several values, write { "$in": [ … ] }.',
  },
  'invalid-regex': {
    severity: 'error',
    description: 'A $regex is not a valid regular expression: the gateway treats the condition as false.',
    help: 'Fix the regular expression.',
  },
  'unsafe-regex': {
    severity: 'error',
    description:
      'A $regex that could backtrack without bound (nested or too many repetitions, a backreference, over 256 characters): verify does not run it.',
    help: 'The branch is judged as possibly taken. The gateway runs the pattern on every request, so a crafted value can stall it: use an anchored pattern without repeated groups that repeat or alternate.',
  },
  'unknown-query-field': {
    severity: 'error',
    description:
      'A query reads a field the gateway does not resolve (only metadata.<key>, params.<key> and url.pathname).',
    help: 'Route on metadata.<key> or params.<key>.',
  },
  'query-key-too-deep': {
    severity: 'error',
    description:
      'A query key has more than two levels; the gateway resolves at most two, and the condition silently fails.',
    help: 'Route on a top-level metadata or params key.',
  },
  'metadata-non-string': {
    severity: 'error',
    description:
      'A query compares metadata with a value that is not a string; metadata values are strings and the comparison is strict.',
    help: 'Write the value as a string.',
  },
  'invalid-status-code': {
    severity: 'error',
    description: 'A status code is not an HTTP status code (100–599), so it never matches.',
    help: 'Use a status code between 100 and 599.',
  },
  'status-code-not-integer': {
    severity: 'error',
    description:
      'A status code is not an integer: a number never matches, and text makes the gateway reject the config.',
    help: 'Write whole numbers without quotes.',
  },
  'retry-without-attempts': {
    severity: 'error',
    description: 'retry has no attempts: the gateway rejects the config.',
    help: 'Add attempts: the number of retries (0 for none).',
  },
  'retry-attempts-high': {
    severity: 'warning',
    description:
      'More than 5 retry attempts: the gateway does not cap them and backs off exponentially, holding a failing request for long.',
    help: 'Lower attempts, or add a fallback target instead.',
  },
  'invalid-custom-host': {
    severity: 'error',
    description: 'custom_host is not a URL: the gateway answers 400.',
    help: "Write the upstream's base URL, e.g. https://llm.internal.example/v1.",
  },
  'untrusted-custom-host': {
    severity: 'error',
    description: "custom_host fails the gateway's SSRF guard (a private or local address not trusted): it answers 400.",
    help: 'Add the host to TRUSTED_CUSTOM_HOSTS on the gateway.',
  },
  'config-too-large': {
    severity: 'error',
    description:
      "The minified config is above Node's 16 KiB header limit: the gateway answers 431 to every request carrying it.",
    help: 'Route on one metadata key with fewer branches, or start the gateway with node --max-http-header-size=1048576.',
  },
  'config-near-header-limit': {
    severity: 'warning',
    description: "The minified config nears Node's 16 KiB header limit once the request's other headers are added.",
    help: 'Route on one metadata key with fewer branches, or start the gateway with node --max-http-header-size=1048576.',
  },
} as const satisfies Record<string, RuleText>;
