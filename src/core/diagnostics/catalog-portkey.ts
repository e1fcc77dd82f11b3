// What `tierplan verify` finds wrong in a Portkey config itself: what the gateway rejects at
// request time or silently ignores. Each is reported inside a `config-problem` finding whose
// message starts with the code.
import type { RuleText } from './catalog-types.js';

const rule = (severity: RuleText['severity'], description: string, help: string): RuleText => ({ severity, description, help });

export const PORTKEY_RULES = {
  'legacy-config': rule('error', 'The config uses the legacy (v1) "options" format, which the gateway rejects.', 'Write targets with a strategy instead.'),
  'incomplete-node': rule('error', 'A node has neither provider and api_key, nor strategy and targets, nor cache, retry or request_timeout: the gateway rejects it.', 'Add the provider and api_key of the upstream, or a strategy with targets.'),
  'vertex-fields-missing': rule('error', 'A vertex-ai target lacks vertex_region and vertex_project_id (or vertex_service_account_json).', 'Add the Vertex AI fields the message names.'),
  'missing-targets': rule('error', 'A node with a strategy has no targets.', 'Give the node a non-empty targets list.'),
  'targets-without-strategy': rule('warning', 'A provider node lists targets but has no strategy, so the targets are not used.', 'Add a strategy with a mode, or remove the targets.'),
  'missing-strategy-mode': rule('error', 'A strategy has no mode.', 'Set strategy.mode to single, loadbalance, fallback or conditional.'),
  'unknown-strategy-mode': rule('error', 'strategy.mode is not one the gateway knows.', 'Use single, loadbalance, fallback or conditional.'),
  'status-codes-ignored': rule('warning', 'on_status_codes is set on a node that is not a fallback node, where it is ignored.', 'Move it to the fallback node, or remove it.'),
  'conditions-ignored': rule('warning', 'conditions or default are set on a node that is not conditional, where they are ignored.', 'Make the node conditional, or remove them.'),
  'weight-ignored': rule('warning', 'A weight is set on a target of a node that does not load-balance, where it is ignored.', 'Remove the weight, or make the parent a loadbalance node.'),
  'invalid-weight': rule('error', 'A load-balance weight is not a number of 0 or more.', 'Write a number; an omitted weight counts as 1.'),
  'zero-weight': rule('warning', 'A target has weight 0 and never receives traffic.', 'Remove the target, or give it a positive weight.'),
  'all-zero-weights': rule('error', 'Every target of a loadbalance node has weight 0: the gateway fails every request.', 'Give at least one target a positive weight (an omitted weight counts as 1).'),
  'duplicate-target-name': rule('error', 'Two targets of a node have the same name: conditions reach only the first (a warning when no condition uses names).', 'Give every target its own name.'),
  'missing-conditions': rule('error', 'A conditional node has no conditions.', 'Add strategy.conditions, each with a query and a then.'),
  'missing-query': rule('error', 'A condition has no query.', 'Add a query to the condition.'),
  'missing-target-name': rule('error', 'A condition\'s then or the default is not a target name.', 'Name a target of the node (a string).'),
  'dangling-target-name': rule('error', 'A condition\'s then or the default names no target of the node: the gateway answers 400.', 'Name one of the node\'s targets, or give the target that name.'),
  'unreachable-target': rule('warning', 'No condition and no default names a target (or it has no name), so it never receives traffic.', 'Name it in a condition or the default, or remove it.'),
  'empty-query': rule('warning', 'An empty query or operator map matches every request: later conditions and the default are never used.', 'Write the condition the query is meant to test.'),
  'query-short-circuit': rule('error', 'Keys after an $and or $or in the same query are ignored by the gateway.', 'One key per query object: put every condition inside one $and.'),
  'query-multiple-keys': rule('warning', 'A query has several keys; the gateway ANDs them only in some orders.', 'One key per query object: combine them with $and.'),
  'unknown-operator': rule('error', 'A query uses an operator the gateway does not support, or a $-key that is neither $and nor $or.', 'Use $eq $ne $gt $gte $lt $lte $in $nin $regex, and $and or $or to combine.'),
  'invalid-operator-value': rule('error', 'An operator gets a value of the wrong kind ($in without a list, $and without sub-queries…), so the condition never holds.', 'Give the operator the kind of value the message names.'),
  'invalid-query-value': rule('error', 'A list stands where a value or an operator map is expected: the gateway answers 400.', 'To match any of several values, write { "$in": [ … ] }.'),
  'invalid-regex': rule('error', 'A $regex is not a valid regular expression: the gateway treats the condition as false.', 'Fix the regular expression.'),
  'unknown-query-field': rule('error', 'A query reads a field the gateway does not resolve (only metadata.<key>, params.<key> and url.pathname).', 'Route on metadata.<key> or params.<key>.'),
  'query-key-too-deep': rule('error', 'A query key has more than two levels; the gateway resolves at most two, and the condition silently fails.', 'Route on a top-level metadata or params key.'),
  'metadata-non-string': rule('error', 'A query compares metadata with a value that is not a string; metadata values are strings and the comparison is strict.', 'Write the value as a string.'),
  'invalid-status-code': rule('error', 'A status code is not an HTTP status code (100–599), so it never matches.', 'Use a status code between 100 and 599.'),
  'status-code-not-integer': rule('error', 'A status code is not an integer: a number never matches, and text makes the gateway reject the config.', 'Write whole numbers without quotes.'),
  'retry-without-attempts': rule('error', 'retry has no attempts: the gateway rejects the config.', 'Add attempts: the number of retries (0 for none).'),
  'retry-attempts-high': rule('warning', 'More than 5 retry attempts: the gateway does not cap them and backs off exponentially, holding a failing request for long.', 'Lower attempts, or add a fallback target instead.'),
  'invalid-custom-host': rule('error', 'custom_host is not a URL: the gateway answers 400.', 'Write the upstream\'s base URL, e.g. https://llm.internal.example/v1.'),
  'untrusted-custom-host': rule('error', 'custom_host fails the gateway\'s SSRF guard (a private or local address not trusted): it answers 400.', 'Add the host to TRUSTED_CUSTOM_HOSTS on the gateway.'),
  'config-too-large': rule('error', 'The minified config is above Node\'s 16 KiB header limit: the gateway answers 431 to every request carrying it.', 'Route on one metadata key with fewer branches, or start the gateway with node --max-http-header-size=1048576.'),
  'config-near-header-limit': rule('warning', 'The minified config nears Node\'s 16 KiB header limit once the request\'s other headers are added.', 'Route on one metadata key with fewer branches, or start the gateway with node --max-http-header-size=1048576.'),
} satisfies Record<string, RuleText>;
