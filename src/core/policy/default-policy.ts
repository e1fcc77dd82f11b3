import type { Deployment, Policy } from './types.js';

// The seed taxonomy: API-first, private cloud for customer and sensitive internal data,
// on-prem for the narrow band that regulation or sovereignty forces there.
// Prices are dated examples (USD per 1M tokens, mid-2026 list prices); replace them in
// tierplan.policy.yaml with your contracted rates.

const api = (d: Omit<Deployment, 'region'> & { region?: string }): Deployment => ({ region: 'us', ...d });

export const DEFAULT_POLICY: Policy = {
  version: 1,
  name: 'tierplan default',
  sensitivity: {
    levels: ['public', 'internal', 'confidential', 'regulated'],
    fail_closed: 'regulated',
    data_classes: {
      public: { level: 'public', description: 'Published or publishable material: marketing, public docs.' },
      internal_docs: { level: 'internal', description: 'Internal documents, wikis and policies without personal data.' },
      source_code: { level: 'internal', description: 'Proprietary source code and technical designs.' },
      customer_data: { level: 'confidential', description: 'Data about customers or their accounts, not otherwise regulated.' },
      employee_data: { level: 'confidential', description: 'HR records, performance and payroll data about staff.' },
      pii: { level: 'confidential', description: 'Personal data that identifies a person: names, emails, addresses.' },
      financial: { level: 'confidential', description: 'Non-public financial results, forecasts, deal terms.' },
      phi: { level: 'regulated', description: 'Protected health information (HIPAA).', implies_regimes: ['hipaa'] },
      pci: { level: 'regulated', description: 'Cardholder data: card numbers, CVV, track data (PCI DSS).', implies_regimes: ['pci_dss'] },
      export_controlled: { level: 'regulated', description: 'Technical data under export control (ITAR/EAR).', implies_regimes: ['itar'] },
      classified: { level: 'regulated', description: 'Sovereign or classified material that must never leave own premises.' },
    },
    regimes: {
      gdpr: { level: 'confidential', description: 'EU General Data Protection Regulation: personal data of EU residents.' },
      sox: { level: 'confidential', description: 'Sarbanes-Oxley: data feeding financial reporting controls.' },
      glba: { level: 'confidential', description: 'Gramm-Leach-Bliley: consumer financial information.' },
      hipaa: { level: 'regulated', description: 'US health data: needs a Business Associate Agreement.' },
      pci_dss: { level: 'regulated', description: 'Payment card data: systems must be in PCI scope.' },
      itar: { level: 'regulated', description: 'US export control: no foreign-person access, provider staff included.' },
      fedramp: { level: 'regulated', description: 'US federal data: FedRAMP-authorised services only.' },
    },
  },
  capability: {
    levels: ['basic', 'mid', 'frontier'],
    unclassified: 'basic',
    rules: [
      { id: 'cap.task.agentic', level: 'frontier', when: { task: ['agentic'] }, description: 'Multi-step agents that plan and call tools.' },
      { id: 'cap.reasoning.high', level: 'frontier', when: { reasoning: ['high'] }, description: 'Deep multi-step reasoning.' },
      { id: 'cap.context.long', level: 'frontier', when: { context_tokens_at_least: 200000 }, description: 'Inputs of 200k tokens or more.' },
      { id: 'cap.modality.video', level: 'frontier', when: { modalities_any: ['video'] }, description: 'Video understanding.' },
      { id: 'cap.task.generative', level: 'mid', when: { task: ['generation', 'code', 'reasoning'] }, description: 'Open-ended generation, code and reasoning tasks.' },
      { id: 'cap.reasoning.medium', level: 'mid', when: { reasoning: ['medium'] }, description: 'Some multi-step reasoning.' },
      { id: 'cap.context.medium', level: 'mid', when: { context_tokens_at_least: 32000 }, description: 'Inputs of 32k tokens or more.' },
      { id: 'cap.tools', level: 'mid', when: { tools: true }, description: 'Function or tool calling.' },
      { id: 'cap.modality.image', level: 'mid', when: { modalities_any: ['image'] }, description: 'Image understanding.' },
    ],
  },
  tiers: [
    {
      id: 'api',
      name: 'Public API',
      description: 'Frontier and commodity models through the providers’ public APIs (zero data retention).',
      clearance: 'internal',
      regimes: [],
      regions: ['us', 'eu'],
      deployments: [
        api({ id: 'openai-gpt-5-mini', provider: 'openai', model: 'gpt-5-mini', capability: 'basic', context_tokens: 400000, modalities: ['text', 'image'], tools: true, credentials: { api_key_env: 'OPENAI_API_KEY' }, price: { input_per_1m: 0.25, output_per_1m: 2 } }),
        api({ id: 'openai-gpt-5-4', provider: 'openai', model: 'gpt-5.4', capability: 'mid', context_tokens: 400000, modalities: ['text', 'image'], tools: true, credentials: { api_key_env: 'OPENAI_API_KEY' }, price: { input_per_1m: 2.5, output_per_1m: 15 } }),
        api({ id: 'anthropic-claude-opus', provider: 'anthropic', model: 'claude-opus-4-6', capability: 'frontier', context_tokens: 1000000, modalities: ['text', 'image'], tools: true, credentials: { api_key_env: 'ANTHROPIC_API_KEY' }, price: { input_per_1m: 5, output_per_1m: 25 } }),
        api({ id: 'openai-transcribe', provider: 'openai', model: 'gpt-4o-transcribe', capability: 'basic', context_tokens: 16000, modalities: ['audio'], credentials: { api_key_env: 'OPENAI_API_KEY' }, price: { input_per_1m: 2.5, output_per_1m: 10 } }),
        api({ id: 'openai-eu-gpt-5-4', provider: 'openai', model: 'gpt-5.4', region: 'eu', endpoint: 'https://eu.api.openai.com/v1', capability: 'mid', context_tokens: 400000, modalities: ['text', 'image'], tools: true, credentials: { api_key_env: 'OPENAI_EU_API_KEY' }, price: { input_per_1m: 2.75, output_per_1m: 16.5 } }),
      ],
    },
    {
      id: 'private-cloud',
      name: 'Private cloud',
      description: 'Bedrock, Azure OpenAI and Vertex in our own accounts, under BAA and PCI scope.',
      clearance: 'confidential',
      regimes: ['gdpr', 'sox', 'glba', 'hipaa', 'pci_dss', 'fedramp'],
      regions: ['us', 'eu'],
      deployments: [
        { id: 'bedrock-claude-haiku', provider: 'bedrock', model: 'us.anthropic.claude-haiku-4-5-v1:0', capability: 'basic', region: 'us', endpoint: 'us-east-1', context_tokens: 200000, modalities: ['text', 'image'], tools: true, price: { input_per_1m: 1, output_per_1m: 5 } },
        { id: 'bedrock-claude-sonnet', provider: 'bedrock', model: 'us.anthropic.claude-sonnet-4-6-v1:0', capability: 'mid', region: 'us', endpoint: 'us-east-1', context_tokens: 200000, modalities: ['text', 'image'], tools: true, price: { input_per_1m: 3, output_per_1m: 15 } },
        { id: 'bedrock-claude-opus', provider: 'bedrock', model: 'us.anthropic.claude-opus-4-6-v1:0', capability: 'frontier', region: 'us', endpoint: 'us-east-1', context_tokens: 200000, modalities: ['text', 'image'], tools: true, price: { input_per_1m: 5, output_per_1m: 25 } },
        { id: 'azure-gpt-5-4-eu', provider: 'azure', model: 'gpt-5-4-datazone-eu', capability: 'mid', region: 'eu', endpoint: 'https://contoso-eu.openai.azure.com', context_tokens: 400000, modalities: ['text', 'image'], tools: true, credentials: { api_key_env: 'AZURE_EU_API_KEY', api_base_env: 'AZURE_EU_API_BASE' }, price: { input_per_1m: 2.75, output_per_1m: 16.5 } },
        { id: 'azure-transcribe-us', provider: 'azure', model: 'gpt-4o-transcribe-us', capability: 'basic', region: 'us', endpoint: 'https://contoso-us.openai.azure.com', context_tokens: 16000, modalities: ['audio'], credentials: { api_key_env: 'AZURE_US_API_KEY', api_base_env: 'AZURE_US_API_BASE' }, price: { input_per_1m: 2.5, output_per_1m: 10 } },
        { id: 'vertex-gemini-pro-eu', provider: 'vertex_ai', model: 'gemini-2.5-pro', capability: 'frontier', region: 'eu', endpoint: 'europe-west4', context_tokens: 1000000, modalities: ['text', 'image', 'audio', 'video'], tools: true, price: { input_per_1m: 2.5, output_per_1m: 15 } },
      ],
    },
    {
      id: 'on-prem',
      name: 'On-premises',
      description: 'Open-weight models on our own GPUs (vLLM); nothing leaves the data centre.',
      clearance: 'regulated',
      regimes: ['gdpr', 'sox', 'glba', 'hipaa', 'pci_dss', 'fedramp', 'itar'],
      regions: ['us', 'eu'],
      deployments: [
        { id: 'vllm-llama-8b', provider: 'hosted_vllm', model: 'meta-llama/Llama-3.1-8B-Instruct', capability: 'basic', region: 'us', endpoint: 'http://vllm-small.dc1.internal:8000/v1', context_tokens: 128000, tools: true, credentials: { api_key_env: 'VLLM_API_KEY' }, fixed_cost: { monthly: 6000, capacity_tokens_per_month: 20000000000 } },
        { id: 'vllm-llama-70b', provider: 'hosted_vllm', model: 'meta-llama/Llama-3.3-70B-Instruct', capability: 'mid', region: 'us', endpoint: 'http://vllm-large.dc1.internal:8000/v1', context_tokens: 128000, tools: true, credentials: { api_key_env: 'VLLM_API_KEY' }, fixed_cost: { monthly: 28000, capacity_tokens_per_month: 6000000000 } },
        { id: 'vllm-whisper', provider: 'hosted_vllm', model: 'openai/whisper-large-v3', capability: 'basic', region: 'us', endpoint: 'http://vllm-audio.dc1.internal:8000/v1', context_tokens: 16000, modalities: ['audio'], credentials: { api_key_env: 'VLLM_API_KEY' }, fixed_cost: { monthly: 3000, capacity_tokens_per_month: 4000000000 } },
        { id: 'vllm-qwen-eu', provider: 'hosted_vllm', model: 'Qwen/Qwen3-32B', capability: 'mid', region: 'eu', endpoint: 'http://vllm.fra1.internal:8000/v1', context_tokens: 128000, tools: true, credentials: { api_key_env: 'VLLM_EU_API_KEY' }, fixed_cost: { monthly: 14000, capacity_tokens_per_month: 5000000000 } },
      ],
    },
  ],
  preference: ['api', 'private-cloud', 'on-prem'],
  reference_split: { api: 0.6, 'private-cloud': 0.2, 'on-prem': 0.2 },
  gateway: { context_window_fallbacks: true, fallback_status_codes: [429, 500, 502, 503, 504] },
  // Consolidation triggers for `tierplan review`; thresholds are starting points to tune.
  triggers: [
    { id: 'onprem-underused', kind: 'volume_below', tier: 'on-prem', tokens_per_month: 50000000, months: 2, description: 'An on-prem workload this small does not justify its share of GPUs: move it to the next cleared tier.' },
    { id: 'pc-spend-high', kind: 'spend_above', tier: 'private-cloud', cost_per_month: 20000, months: 2, description: 'Sustained private-cloud spend: evaluate on-prem.' },
    { id: 'idle', kind: 'no_traffic', months: 3, description: 'No traffic for a quarter: propose retirement.' },
    { id: 'onprem-capacity', kind: 'capacity_above', tier: 'on-prem', utilisation: 0.8, months: 1, description: 'A self-hosted deployment above 80 % of capacity: plan capacity.' },
    { id: 'api-break-even', kind: 'break_even', tier: 'api', months: 2, description: 'API spend above what a cleared self-hosted deployment costs: evaluate a move.' },
  ],
};
