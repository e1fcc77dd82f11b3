// What `tierplan verify` finds in a gateway config — generated or edited by hand — that a gateway
// would expand or that carries credentials in plain sight: the checks `validate` applies to the
// policy's deployments (gateway-reference, endpoint-credentials), applied to the config itself.
// Each is reported inside a `config-problem` finding whose message starts with the code.
import type { RuleText } from './catalog-types.js';

export const CONFIG_REFERENCE_RULES = {
  'url-credentials': {
    severity: 'error',
    description:
      'A URL in a LiteLLM or Portkey config (`api_base`, `base_url`, `custom_host`, any other URL value) carries credentials: a user name or password (`https://user:pass@host`) or a secret-looking query parameter (`api-key=`, `key=`, `token=`, `sig=`, `code=`…). Everyone who can read the config, its repository or its CI logs has them. The message shows the URL masked.',
    help: `Remove the credentials from the URL and rotate them; give the key through the credential field (\`api_key: os.environ/NAME\` for LiteLLM, \`api_key: \${NAME}\` for Portkey).`,
  },
  'misplaced-env-ref': {
    severity: 'error',
    description:
      "A LiteLLM config holds an `os.environ/NAME` reference outside the fields LiteLLM documents for credentials and connection settings (`api_key`, `api_base`, `aws_*`, `vertex_*`, `credential_list`, `general_settings`…). LiteLLM resolves such a string anywhere when it loads the config, so the variable's value lands where it is shown or served: `model_info` is returned to any caller of `/model/info`, model names and tags appear in responses and logs.",
    help: 'Write the value as plain text there; keep `os.environ/NAME` for the credential fields of `litellm_params`.',
  },
  'expanded-text': {
    severity: 'error',
    description: `A Portkey config holds \`$NAME\`, \`\${…}\` or \`{{…}}\` in a field the gateway interprets (provider, model, host, metadata, conditions…). Portkey configs are passed through \`envsubst\` (and \`{{…}}\` is a template in some gateways), so the text is replaced before the gateway reads it: a route or model is decided by the environment, or a secret is copied into the request. Only a credential field (\`api_key\`, \`custom_host\`, \`resource_name\`, \`aws_access_key_id\`, \`aws_secret_access_key\`, \`vertex_project_id\`) may be exactly \`\${NAME}\`.`,
    help: `Write the value as plain text; reference environment variables only as \`\${NAME}\` in a credential field.`,
  },
} as const satisfies Record<string, RuleText>;
