// Generated from patterns/*.toml by `swift run keyhound-embed`. Do not edit.
// swift-format-ignore-file

import HoundModel

extension BuiltinRules {
    /// The pattern files, by name, as written in `patterns/`.
    public static let patternFiles: [(name: String, text: String)] = [
        (#"ai.toml"#, #"""
# patterns/ai.toml — AI / ML platform credentials: OpenAI, Anthropic, Hugging Face, Groq, Replicate,
# Perplexity, xAI, OpenRouter, LangSmith, Langfuse, Pinecone, NVIDIA, Cerebras, Together, Tavily,
# Fireworks, ElevenLabs, and context-only keys (Cohere, Mistral, DeepSeek, W&B, AssemblyAI, Deepgram,
# Stability, fal). Google Gemini keys are AIza keys (cloud.toml); Azure OpenAI keys are in cloud.toml.

[[rules]]
id = "openai-api-key"
description = 'OpenAI API key (sk-, sk-proj-, sk-svcacct-, sk-admin-; contains the T3BlbkFJ marker)'
regex = '''\b(sk-[A-Za-z0-9_-]{20,120}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['T3BlbkFJ']
entropy = 3.5
tags = ["openai", "ai"]
examples = [
  'OPENAI_API_KEY=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',
  '  "openai_api_key": "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"',
  'OPENAI_ADMIN_KEY=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',
  "openai.api_key = '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'",
]
negative_examples = [
  'OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx',
  'OPENAI_API_KEY=sk-xk9qoiAA9M762kUQht0n7C7ZmJpNUuvwLOwtlFiMPSzeGAuu',
  'OPENAI_API_KEY=sk-jlGBMxFwcUT3BlbkFJG9yTqL9xER',
]

[[rules]]
id = "anthropic-api-key"
description = 'Anthropic API key (sk-ant-api03- + 93 characters + AA)'
regex = '''\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['sk-ant-api03-']
entropy = 4.0
tags = ["anthropic", "claude", "ai"]
examples = [
  'ANTHROPIC_API_KEY=sk-ant-api03-oiI3rtJYpblz-lQEtcpsLqFHtJFPBcWff_6H7yIRKQhj7F_PigFFhzpobpg9t_gWhyWBYJK1r4kODrr74F2sqnbGt7OEEAA',
  'client = anthropic.Anthropic(api_key="sk-ant-api03-Cl2tp5P492KcBLOdXoVKu1cPvxh5P6NFhiszKrAYcKDfj9BZaBRP8IpHypSBJatY92EHrylKGs2vVtnANeZlSiGEYNJ64AA")',
]
negative_examples = [
  'ANTHROPIC_API_KEY=sk-ant-api03-...',
  'ANTHROPIC_API_KEY=sk-ant-api03-oiI3rtJYpblz-lQEtcpsLqFHtJFPBcWff_6H7yIRKQhj7F_PigFFhzpobpg9t_gWhyWBYJK1r4kODrr74F2sqnbGt7OEEBB',
  'ANTHROPIC_API_KEY=sk-ant-api03-oiI3rtJYpblz-lQEtcpsLqFHtJFPBcWff_6H7yIRKQhj7F_AA',
]

[[rules]]
id = "anthropic-admin-key"
description = 'Anthropic Admin API key (sk-ant-admin01- + 93 characters + AA)'
regex = '''\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['sk-ant-admin01-']
entropy = 4.0
tags = ["anthropic", "claude", "ai"]
examples = [
  'ANTHROPIC_ADMIN_KEY=sk-ant-admin01-Omkb22beSEVT26thrix-87gzCvxYD7PBINl7s6SWE9QSG0sb7cjeQrtFcpfarT98VyXCcmvUkEHW8YIy0uw_8t-puBaONAA',
  'x-api-key: sk-ant-admin01-Omkb22beSEVT26thrix-87gzCvxYD7PBINl7s6SWE9QSG0sb7cjeQrtFcpfarT98VyXCcmvUkEHW8YIy0uw_8t-puBaONAA',
]
negative_examples = [
  'ANTHROPIC_ADMIN_KEY=sk-ant-admin01-...',
  'ANTHROPIC_ADMIN_KEY=sk-ant-admin01-Omkb22beSEVT26thrix-87gzCvxYD7PBINl7s6SWE9QSG0sb7cjeQrtFcpfarT98VyXCcmvUkEHW8YIy0uw_8t-puBaONBB',
]

[[rules]]
id = "anthropic-oauth-token"
description = 'Anthropic OAuth access or refresh token (sk-ant-oat01- / sk-ant-ort01-), e.g. Claude Code subscription credentials'
regex = '''\b(sk-ant-o[ar]t01-[A-Za-z0-9_-]{80,200})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['sk-ant-oat01-', 'sk-ant-ort01-']
entropy = 4.0
tags = ["anthropic", "claude", "ai", "oauth"]
examples = [
  'CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-YjN7qEAIH6ZIR4zO3YGOlkRo669O1lTioAizKihk6T_t1GKDfvE4OEoiY-GxbuFddothERoEfPCVjxECP2FMbf7V87ooIAA',
  '  "refreshToken": "sk-ant-ort01-7Nvp_tFmOlse-fAZhNcr0KJPh55Ff9EyvoU5Re-MuY8_Cf0S68bXBH3RxBJKf-xSxQfrDE3jBmv-VvUil21pgJUGrsX7GAA",',
]
negative_examples = [
  'anthropic_token = "sk-ant-oat01-tooShort"',
  'CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-...',
]

[[rules]]
id = "huggingface-access-token"
description = 'Hugging Face user access token (hf_ + 34 letters)'
regex = '''\b(hf_[A-Za-z]{34})\b'''
secret_group = 1
keywords = ['hf_']
entropy = 3.5
tags = ["huggingface", "ai"]
examples = [
  'HF_TOKEN=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',
  'huggingface-cli login --token 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',
  '''model = AutoModel.from_pretrained('org/model', token='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')''',
]
negative_examples = [
  'HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'HF_TOKEN=hf_TTnKCDgKrlaUbDFTLcyRagLHsxlVHeY',
  'self.hf_model_name_or_path_for_the_tokenizer = None',
]

[[rules]]
id = "huggingface-org-token"
description = 'Hugging Face organization API token (api_org_ + 34 letters)'
regex = '''\b(api_org_[A-Za-z]{34})\b'''
secret_group = 1
keywords = ['api_org_']
entropy = 3.5
tags = ["huggingface", "ai"]
examples = [
  'HF_ORG_TOKEN=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',
  '  "token": "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"',
]
negative_examples = [
  'HF_ORG_TOKEN=api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'HF_ORG_TOKEN=api_org_PwnflpzGPlbgWZebKBPcVRsvPJhuN',
]

[[rules]]
id = "groq-api-key"
description = 'Groq API key (gsk_ + 52 characters)'
regex = '''\b(gsk_[A-Za-z0-9]{52})\b'''
secret_group = 1
keywords = ['gsk_']
entropy = 3.5
tags = ["groq", "ai"]
examples = [
  'GROQ_API_KEY=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',
  'client = Groq(api_key="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")',
]
negative_examples = [
  'GROQ_API_KEY=gsk_your_key_here',
  'GROQ_API_KEY=gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'GROQ_API_KEY=gsk_xRLAfI2PxyXXa71YhwRf4sVRHZWLgtCXBo9B',
]

[[rules]]
id = "replicate-api-token"
description = 'Replicate API token (r8_ + 37 characters)'
regex = '''\b(r8_[A-Za-z0-9]{37})\b'''
secret_group = 1
keywords = ['r8_']
entropy = 3.5
tags = ["replicate", "ai"]
examples = [
  'REPLICATE_API_TOKEN=r8_DXj1FsRcFiXcVlYkLbPe75v89FRdex9O3ZMi6',
  "  replicate_token: 'r8_ONycMUk9In1A2Uz7455YByYNgh4jcTjBGAwY9'",
]
negative_examples = [
  'REPLICATE_API_TOKEN=r8_...',
  'REPLICATE_API_TOKEN=r8_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'REPLICATE_API_TOKEN=r8_DXj1FsRcFiXcVlYkLbPe75v89FRdex9O',
]

[[rules]]
id = "perplexity-api-key"
description = 'Perplexity API key (pplx- + 48 characters)'
regex = '''\b(pplx-[A-Za-z0-9]{48})\b'''
secret_group = 1
keywords = ['pplx-']
entropy = 3.5
tags = ["perplexity", "ai"]
examples = [
  'PERPLEXITY_API_KEY=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',
  'Authorization: Bearer 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',
]
negative_examples = [
  'PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'PERPLEXITY_API_KEY=pplx-xQ7G0m04qaU6mQF00v4KjgUglOGvaujp5JSuwkG7',
]

[[rules]]
id = "xai-api-key"
description = 'xAI (Grok) API key (xai- + 80 characters)'
regex = '''\b(xai-[A-Za-z0-9]{80})\b'''
secret_group = 1
keywords = ['xai-']
entropy = 4.0
tags = ["xai", "grok", "ai"]
examples = [
  'XAI_API_KEY=xai-AP1nyYmk7h7BCytMtA0c1vMzDLDaHYy7sQ3fklp9TUVoFEu8HBED7UzTrM0rceYzLiVux9bFrhw5bcMc',
  '  "apiKey": "xai-AP1nyYmk7h7BCytMtA0c1vMzDLDaHYy7sQ3fklp9TUVoFEu8HBED7UzTrM0rceYzLiVux9bFrhw5bcMc"',
]
negative_examples = [
  'XAI_API_KEY=xai-your-xai-api-key',
  'XAI_API_KEY=xai-AP1nyYmk7h7BCytMtA0c1vMzDLDaHYy7sQ3f',
]

[[rules]]
id = "openrouter-api-key"
description = 'OpenRouter API key (sk-or-v1- + 64 hex)'
regex = '''\b(sk-or-v1-[0-9a-f]{64})\b'''
secret_group = 1
keywords = ['sk-or-v1-']
entropy = 3.0
tags = ["openrouter", "ai"]
examples = [
  'OPENROUTER_API_KEY=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',
  'Authorization: Bearer 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',
]
negative_examples = [
  'OPENROUTER_API_KEY=sk-or-v1-...',
  'OPENROUTER_API_KEY=sk-or-v1-405ea1f49735c1f0a6d0bde4947ac43aa3f7c93b121e1c6b781b92',
]

[[rules]]
id = "langsmith-api-key"
description = 'LangSmith API key (lsv2_pt_ personal token / lsv2_sk_ service key)'
regex = '''\b(lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})\b'''
secret_group = 1
keywords = ['lsv2_pt_', 'lsv2_sk_']
entropy = 3.0
tags = ["langsmith", "langchain", "ai"]
examples = [
  'LANGCHAIN_API_KEY=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',
  'LANGSMITH_API_KEY=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',
]
negative_examples = [
  'LANGCHAIN_API_KEY=ls__0123456789abcdef0123456789abcdef',
  'LANGCHAIN_API_KEY=lsv2_xx_46c0331072933779f8dac143e8b5c98d_5f232ab565',
]

[[rules]]
id = "langfuse-secret-key"
description = 'Langfuse secret key (sk-lf- + UUID)'
regex = '''\b(sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b'''
secret_group = 1
keywords = ['sk-lf-']
entropy = 3.0
tags = ["langfuse", "ai"]
examples = [
  'LANGFUSE_SECRET_KEY=sk-lf-676be1bb-2d50-e5c6-c027-d8d1ee90fc19',
  '  secret_key="sk-lf-676be1bb-2d50-e5c6-c027-d8d1ee90fc19",',
]
negative_examples = [
  'LANGFUSE_SECRET_KEY=sk-lf-...',
  'LANGFUSE_PUBLIC_KEY=pk-lf-757ae237-2942-f7a9-4aef-6bacc11f9f36',
]

[[rules]]
id = "pinecone-api-key"
description = 'Pinecone API key (pcsk_ + 6 + _ + 63 characters)'
regex = '''\b(pcsk_[A-Za-z0-9]{6}_[A-Za-z0-9]{63})\b'''
secret_group = 1
keywords = ['pcsk_']
entropy = 3.5
tags = ["pinecone", "ai", "vector-db"]
examples = [
  'PINECONE_API_KEY=pcsk_Meqfwt_PzR1jeJWXKnAir1wGiwZ69wYSVuubhjhM4QWZK1ci9fYoPu6krOrzSLuK4usuxU',
  '''const pc = new Pinecone({ apiKey: 'pcsk_Meqfwt_PzR1jeJWXKnAir1wGiwZ69wYSVuubhjhM4QWZK1ci9fYoPu6krOrzSLuK4usuxU' });''',
]
negative_examples = [
  'PINECONE_API_KEY=pcsk_...',
  'PINECONE_API_KEY=pcsk_Meqfwt_PzR1jeJWXKnAir1wGiwZ69wYSVuu',
]

[[rules]]
id = "pinecone-legacy-api-key"
description = 'Pinecone legacy API key (UUID) assigned to a Pinecone key variable'
regex = '''(?i:pinecone[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^A-Za-z0-9\n-]|$)'''
secret_group = 1
keywords = ['pinecone']
entropy = 3.0
confidence = "medium"
tags = ["pinecone", "ai", "vector-db"]
examples = [
  'PINECONE_API_KEY=b8fac7c5-7dfa-41ee-c8a4-2f1f65604d04',
  '  pinecone_api_key: "1c07cd7b-b94b-27c3-9338-a6fd8fde9dd1"',
]
negative_examples = [
  'PINECONE_API_KEY=00000000-0000-0000-0000-000000000000',
  'PINECONE_INDEX_ID=b8fac7c5-7dfa-41ee-c8a4-2f1f65604d04',
]

[[rules]]
id = "nvidia-api-key"
description = 'NVIDIA API / NGC / NIM key (nvapi- + 64 characters)'
regex = '''\b(nvapi-[A-Za-z0-9_-]{64})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['nvapi-']
entropy = 4.0
tags = ["nvidia", "ngc", "ai"]
examples = [
  'NVIDIA_API_KEY="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"',
  'client = OpenAI(base_url="https://integrate.api.nvidia.com/v1", api_key="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")',
]
negative_examples = [
  'NVIDIA_API_KEY="nvapi-..."',
  'api_key="nvapi-mock-test-key"',
  'NVIDIA_API_KEY="nvapi-I84rVkkclUp7P4PpxgRQjY2a2vgDsZrcyQ"',
]

[[rules]]
id = "cerebras-api-key"
description = 'Cerebras Cloud API key (csk- + 48 lowercase characters)'
regex = '''\b(csk-[a-z0-9]{48})\b'''
secret_group = 1
keywords = ['csk-']
entropy = 3.5
tags = ["cerebras", "ai"]
examples = [
  'CEREBRAS_API_KEY=csk-rk9x1ayuue7y5vcfl4j1qzgksrxp6t3wkmhb6hzin14tk01w',
  "  cerebras_key: 'csk-rk9x1ayuue7y5vcfl4j1qzgksrxp6t3wkmhb6hzin14tk01w'",
]
negative_examples = [
  'CEREBRAS_API_KEY=csk-...',
  'CEREBRAS_API_KEY=csk-test',
  'CEREBRAS_API_KEY=csk-rk9x1ayuue7y5vcfl4j1qzgksr',
]

[[rules]]
id = "together-api-key"
description = 'Together AI API key (tgp_v1_ + 43 characters)'
regex = '''\b(tgp_v1_[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['tgp_v1_']
entropy = 3.5
tags = ["together", "ai"]
examples = [
  'TOGETHER_API_KEY=tgp_v1_Hld1R0hrYoOpdpH5ayw5382ShnrbSfJXuoswTrS_sVr',
  'client = Together(api_key="tgp_v1_Hld1R0hrYoOpdpH5ayw5382ShnrbSfJXuoswTrS_sVr")',
]
negative_examples = [
  'TOGETHER_API_KEY=tgp_v1_your_key_here',
  'TOGETHER_API_KEY=tgp_v1_...',
]

[[rules]]
id = "together-legacy-api-key"
description = 'Together AI legacy API key (64 hex) assigned to a Together variable'
regex = '''(?i:together[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{64})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['together']
entropy = 3.0
confidence = "medium"
tags = ["together", "ai"]
examples = [
  'TOGETHER_API_KEY=4bd7f6570f00117cbf2645eb13a13191d24c7ebc1878cbe031fdb5d5af4f2292',
  '  together_key: "76eaf46aa3ab286af9d0412c8d0b936ce67ed976d2dc1391db6e1a6a6ff9a1ae"',
]
negative_examples = [
  'TOGETHER_API_KEY=${TOGETHER_API_KEY}',
  'TOGETHER_API_KEY=4bd7f6570f00117cbf2645eb13a13191d24c7ebc',
]

[[rules]]
id = "tavily-api-key"
description = 'Tavily API key (tvly- [dev-|prod-] + 32 characters)'
regex = '''\b(tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})\b'''
secret_group = 1
keywords = ['tvly-']
entropy = 3.5
tags = ["tavily", "ai"]
examples = [
  'TAVILY_API_KEY=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',
  'client = TavilyClient(api_key="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")',
]
negative_examples = [
  'TAVILY_API_KEY=tvly-YOUR_API_KEY',
  'TAVILY_API_KEY=tvly-QVnkD21ZxQ9NR3q',
]

[[rules]]
id = "fireworks-api-key"
description = 'Fireworks AI API key (fw_ + 20-40 characters) assigned to a Fireworks variable'
regex = '''(?i:fireworks[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(fw_[A-Za-z0-9]{20,40})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['fireworks']
entropy = 3.5
confidence = "medium"
tags = ["fireworks", "ai"]
examples = [
  'FIREWORKS_API_KEY=fw_T4ezubw02rtr9fH1zCbvVaql',
  'export FIREWORKS_API_KEY=fw_sRSs09q28gjztr2e88tyOaLnPGzsx4B1a',
]
negative_examples = [
  'FIREWORKS_API_KEY=fw_...',
  'int fw_updateFirmwareVersionForDevice(void);',
  'FIREWORKS_API_KEY=fw_DI5AvQLAao5R',
]

[[rules]]
id = "elevenlabs-api-key"
description = 'ElevenLabs API key (sk_ + 48 hex)'
regex = '''\b(sk_[0-9a-f]{48})\b'''
secret_group = 1
keywords = ['sk_']
entropy = 3.0
confidence = "medium"
tags = ["elevenlabs", "ai"]
examples = [
  'ELEVENLABS_API_KEY=sk_0b8ff293934052f3acb9f7f5d2f7b26bd77d8e81da1711a0',
  '  xi-api-key: "sk_0b8ff293934052f3acb9f7f5d2f7b26bd77d8e81da1711a0"',
]
negative_examples = [
  'ELEVENLABS_API_KEY=sk_...',
  'STRIPE_SECRET_KEY=sk_live_Z1Sl7NAzGtMCjDk3ScL1PXT0',
  'ELEVENLABS_API_KEY=sk_0b8ff293934052f3acb9f7f5d2f',
]

[[rules]]
id = "cohere-api-key"
description = 'Cohere API key (40 characters) assigned to a Cohere / CO_API_KEY variable'
regex = '''(?i:cohere[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token)|co_api_key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{40})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['cohere', 'co_api_key']
entropy = 3.5
confidence = "medium"
tags = ["cohere", "ai"]
examples = [
  'COHERE_API_KEY=8kDQvowhyCHCm1j0vCckinuILGuQ48yC15gtbLDc',
  'CO_API_KEY=J8VhNjzwFMq5aQCXAv1J0oAIfQ9QfIEgXQyJAvol',
  '  cohereApiKey: "8kDQvowhyCHCm1j0vCckinuILGuQ48yC15gtbLDc",',
]
negative_examples = [
  'COHERE_API_KEY=${COHERE_API_KEY}',
  'COHERE_API_KEY=8kDQvowhyCHCm1j0vCckinuILGuQ48',
  'COHERE_MODEL=8kDQvowhyCHCm1j0vCckinuILGuQ48yC15gtbLDc',
]

[[rules]]
id = "mistral-api-key"
description = 'Mistral AI API key (32 characters) assigned to a Mistral variable'
regex = '''(?i:mistral[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['mistral']
entropy = 3.5
confidence = "medium"
tags = ["mistral", "ai"]
examples = [
  'MISTRAL_API_KEY=kiGSQmqicuGrRKMp79J1SN0SJXYgHJ1b',
  '  mistral_api_key: "LUsADwh1hCrnn2Kc66Kyqfqc2Vlu6RUg"',
]
negative_examples = [
  'MISTRAL_API_KEY=${MISTRAL_API_KEY}',
  'MISTRAL_API_KEY=kiGSQmqicuGrRKMp79J1SN0S',
  'MISTRAL_MODEL=kiGSQmqicuGrRKMp79J1SN0SJXYgHJ1b',
]

[[rules]]
id = "deepseek-api-key"
description = 'DeepSeek API key (sk- + 32 hex) assigned to a DeepSeek variable'
regex = '''(?i:deepseek[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(sk-[0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['deepseek']
entropy = 3.0
confidence = "medium"
tags = ["deepseek", "ai"]
examples = [
  'DEEPSEEK_API_KEY=sk-f09bffa3a3286de83f04428d7dc7425c',
  '  deepseek_api_key: "sk-9a26e242ae5ba37c1074fe2d834c5f47"',
]
negative_examples = [
  'DEEPSEEK_API_KEY=sk-...',
  'DEEPSEEK_API_KEY=sk-f09bffa3a3286de83',
  'OPENAI_API_KEY=sk-f09bffa3a3286de83f04428d7dc7425c',
]

[[rules]]
id = "wandb-api-key"
description = 'Weights & Biases API key (40 hex) assigned to a W&B variable or passed to wandb login'
regex = '''(?:(?i:wandb[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?|(?i:wandb)[ \t]+login[ \t]+(?:--relogin[ \t]+)?)([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['wandb']
entropy = 3.0
confidence = "medium"
tags = ["wandb", "ai", "mlops"]
examples = [
  'WANDB_API_KEY=4bbebcd014cd1719144965a1ae1fc891250d84c2',
  'wandb login 701b864afcee3398f093c0c0aab5a3deb9feb2f1',
  "  os.environ['WANDB_API_KEY'] = '4bbebcd014cd1719144965a1ae1fc891250d84c2'",
]
negative_examples = [
  'WANDB_API_KEY=${WANDB_API_KEY}',
  'WANDB_RUN_ID=4bbebcd014cd1719144965a1ae1fc891250d84c2',
  'WANDB_API_KEY=4bbebcd014cd1719144965a1ae1fc891',
]

[[rules]]
id = "assemblyai-api-key"
description = 'AssemblyAI API key (32 hex) assigned to an AssemblyAI variable'
regex = '''(?i:assembly[_.-]?ai[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['assemblyai', 'assembly_ai', 'assembly-ai']
entropy = 3.0
confidence = "medium"
tags = ["assemblyai", "ai"]
examples = [
  'ASSEMBLYAI_API_KEY=80df115c31ba19bfa7b7f807ad589d9f',
  '  assemblyai_key: "d4499759655a6df0daec1b5cc4b2e507"',
]
negative_examples = [
  'ASSEMBLYAI_API_KEY=<your key>',
  'ASSEMBLYAI_API_KEY=80df115c31ba19bfa7b7f807',
]

[[rules]]
id = "deepgram-api-key"
description = 'Deepgram API key (40 hex) assigned to a Deepgram variable'
regex = '''(?i:deepgram[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['deepgram']
entropy = 3.0
confidence = "medium"
tags = ["deepgram", "ai"]
examples = [
  'DEEPGRAM_API_KEY=86a7e29ad9806759212f2fad65e5143df202590e',
  "  deepgram_key: '39672d7ac2324818ef2ff6d98582e9d1476a67a2'",
]
negative_examples = [
  'DEEPGRAM_API_KEY=${DG_KEY}',
  'DEEPGRAM_PROJECT_ID=86a7e29ad9806759212f2fad65e5143df202590e',
  'DEEPGRAM_API_KEY=86a7e29ad9806759212f2fad65e514',
]

[[rules]]
id = "stability-ai-api-key"
description = 'Stability AI API key (sk- + 48 characters) assigned to a Stability variable'
regex = '''(?i:stability[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(sk-[A-Za-z0-9]{48})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['stability']
entropy = 3.5
confidence = "medium"
tags = ["stability", "ai"]
examples = [
  'STABILITY_API_KEY=sk-b343qT53nE4ZgaCSqwKMFfhaeN9GxdcX2iDgiamFKJ5NkBh2',
  '  stability_key: "sk-a9InrF5LuW6RNZQ3ec8IF6M5YQ3sSzaycaLpUGwlIgoYvQ37"',
]
negative_examples = [
  'STABILITY_API_KEY=sk-...',
  'STABILITY_API_KEY=sk-b343qT53nE4ZgaCSqwKMFfhaeN9',
]

[[rules]]
id = "fal-api-key"
description = 'fal.ai API key (<key id uuid>:<32 hex secret>) assigned to FAL_KEY'
regex = '''(?i:fal[_.-]?(?:ai[_.-]?)?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['fal_key', 'fal-key', 'fal_api_key', 'fal_ai_key', 'falkey']
entropy = 3.0
confidence = "medium"
tags = ["fal", "ai"]
examples = [
  'FAL_KEY=7e1a846b-126a-6214-aaf3-cbc1c909d6a2:6a46ebc3a1115b99980840177d4f525f',
  '  fal_api_key: "7e1a846b-126a-6214-aaf3-cbc1c909d6a2:6a46ebc3a1115b99980840177d4f525f"',
]
negative_examples = [
  'FAL_KEY=your-fal-key',
  'FAL_KEY=7e1a846b-126a-6214-aaf3-cbc1c909d6a2:6a4',
]

"""#),
        (#"chat.toml"#, #"""
# patterns/chat.toml — chat and collaboration credentials: Slack, Discord, Telegram, Microsoft Teams,
# Mattermost, Matrix, Zulip.
# Formats: Slack token-types reference (xoxb-/xoxp-/xapp-/xoxe.), Slack webhook URLs, Discord token
# structure (base64 user id . timestamp . HMAC), Telegram Bot API token (<bot id>:<35 chars>),
# Teams incoming-webhook and Workflows (Power Automate) URLs, Synapse syt_ access tokens.

[[rules]]
id = "slack-bot-token"
description = 'Slack bot token (xoxb-), current and legacy formats'
regex = '''\b(xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,34})(?:[^A-Za-z0-9\n-]|$)'''
secret_group = 1
keywords = ['xoxb-']
entropy = 3.0
tags = ["slack", "chat"]
examples = [
  'SLACK_BOT_TOKEN=xoxb-846079014623-3690339213943-3OQT6CdivoduZxcalHk1pmpv',
  '  "bot_token": "xoxb-903274522535-scDVyRmmcP9S3aMTLDtSWbck",',
  '''curl -H 'Authorization: Bearer xoxb-846079014623-3690339213943-3OQT6CdivoduZxcalHk1pmpv' https://slack.com/api/auth.test''',
]
negative_examples = [
  'SLACK_BOT_TOKEN=xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx',
  'SLACK_BOT_TOKEN=xoxb-12345-abcd234',
  'SLACK_BOT_TOKEN=xoxb-your-bot-token',
]

[[rules]]
id = "slack-user-token"
description = 'Slack user token (xoxp-) or user-scoped xoxe- token'
regex = '''\b(xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,34})(?:[^A-Za-z0-9\n-]|$)'''
secret_group = 1
keywords = ['xoxp-', 'xoxe-']
entropy = 3.0
tags = ["slack", "chat"]
examples = [
  'SLACK_USER_TOKEN=xoxp-991637971189-303881411632-1197588769578-b789e5a9807214b963f753204f0846d6',
  '  "user_token": "xoxe-6427709876832-6178596149888-1765238346264-f2e1d8e4b9219a3d2ce98ca5cb6d41d0"',
]
negative_examples = [
  'SLACK_USER_TOKEN=xoxp-1234567890',
  'SLACK_USER_TOKEN=xoxp-XXXXXXXXXX-XXXXXXXXXX-XXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  'SLACK_USER_TOKEN=xoxp-991637971189-303881411632-1197588769578-b789e5a9807214b963f753',
]

[[rules]]
id = "slack-app-token"
description = 'Slack app-level token (xapp-)'
regex = '''\b(xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64})\b'''
secret_group = 1
keywords = ['xapp-']
entropy = 3.0
tags = ["slack", "chat"]
examples = [
  'SLACK_APP_TOKEN=xapp-1-AYZUXS2O2A5-3680021077619-8058a08d9863455be733ee688f220d1452d75ee0cc1c2994303ef6f094b2587c',
  "  app_token: 'xapp-1-AYZUXS2O2A5-3680021077619-8058a08d9863455be733ee688f220d1452d75ee0cc1c2994303ef6f094b2587c'",
]
negative_examples = [
  'SLACK_APP_TOKEN=xapp-1-A0000000000-0000000000000-xxxxxxxx',
  'SLACK_APP_TOKEN=xapp-1-AYZUXS2O2A5-3680021077619-8058a08d9863455be733ee688f220d1452d75ee0cc1c2994303ef6f0',
]

[[rules]]
id = "slack-config-access-token"
description = 'Slack app configuration access token (xoxe.xoxp- / xoxe.xoxb-)'
regex = '''\b(xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{160,170})\b'''
secret_group = 1
keywords = ['xoxe.xoxp-', 'xoxe.xoxb-']
entropy = 3.5
tags = ["slack", "chat"]
examples = [
  'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-ks7czDVem76x0F4gyA67OwyECzH4kUHMHixqfT8wIB72EpWMfGyMgyYMViZ2BSBhYLTuyHFFlXa1oLOpOpaJdRaBmPWO5IHmMhXooSkwjyA2LBu0zbElTlqe3Q4Y6vmDxXAY3j1ZW7WMnRfro0Ngfof5hzP61MXRa7JY',
  '  "access_token": "xoxe.xoxb-1-rOnAVA7I5OESFFtGNVSjpuKGIIY4WC4hawkeMLhjVj9vSeZQi9LrY9yvRF2tXuhEBhrs2nmdBwbrO85iotAROnGQzcTpPshBdLcyhwYEPhaljViG4MgB2OER4fUFtEeF9XeZ532PDYD9ePz2XnXY5GEvmGphIlbyCBwa6"',
]
negative_examples = [
  'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-RANDOMSTRINGHERE',
  'SLACK_CONFIG_TOKEN=xoxe.xoxp-1-initial',
]

[[rules]]
id = "slack-config-refresh-token"
description = 'Slack app configuration refresh token (xoxe-1-…)'
regex = '''\b(xoxe-[0-9]-[A-Za-z0-9]{140,150})\b'''
secret_group = 1
keywords = ['xoxe-']
entropy = 3.5
tags = ["slack", "chat"]
examples = [
  'SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-BW4LMa1aiAbaobpiBABnvpIAZtfp9NlKsFAOm5ZofDKnPpPthyaDG2LnjM6n3lORSJGkPK85iBiVPSkQLio50mWKP32sSBQullRXvdJqIW34fgyrk1m16nhlvX8cQYQFWl04H1sBqoZMnxX4xp',
  '  "refresh_token": "xoxe-1-BW4LMa1aiAbaobpiBABnvpIAZtfp9NlKsFAOm5ZofDKnPpPthyaDG2LnjM6n3lORSJGkPK85iBiVPSkQLio50mWKP32sSBQullRXvdJqIW34fgyrk1m16nhlvX8cQYQFWl04H1sBqoZMnxX4xp"',
]
negative_examples = [
  'SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-xxx',
  'SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-BW4LMa1aiAbaobpiBABnvpIAZtfp9NlKsFAOm5ZofDKnPpPthyaDG2LnjM6n3lORSJGkPK85i',
]

[[rules]]
id = "slack-legacy-workspace-token"
description = 'Slack legacy workspace app access or refresh token (xoxa-, xoxr-)'
regex = '''\b(xox[ar]-(?:[0-9]-)?[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]{8,64}){1,4})(?:[^0-9A-Za-z\n-]|$)'''
secret_group = 1
keywords = ['xoxa-', 'xoxr-']
entropy = 3.0
confidence = "medium"
tags = ["slack", "chat"]
examples = [
  '  "access_token": "xoxa-2-25633149608-882082999142-8148673083768-2605e73d9ba47ba6bfb4d01f9a1918b1",',
  'SLACK_REFRESH_TOKEN=xoxr-927535849963-LAt5m9A0PQf3RpQbiyRsoH05D0cfIhPw8av7c6Uc',
]
negative_examples = [
  'https://github.com/xoxa-nyc/xoxa-nyc.github.io/blob/master/README.md',
  'token = xoxa-faketoken',
]

[[rules]]
id = "slack-legacy-token"
description = 'Slack legacy user token (xoxs-, xoxo-)'
regex = '''\b(xox[os]-[0-9]{6,14}-[0-9]{6,14}-[0-9]{6,14}-[a-fA-F0-9]{10,64})\b'''
secret_group = 1
keywords = ['xoxs-', 'xoxo-']
entropy = 3.0
confidence = "medium"
tags = ["slack", "chat"]
examples = [
  '  "access_token": "xoxs-6582822956-1616246074-2363066058-e1d6933947",',
  'SLACK_LEGACY_TOKEN=xoxo-367402558-402217688-725057173-5d0828825e18559bd3',
]
negative_examples = [
  'https://indieweb.org/images/3/35/2018-250-xoxo-indieweb-1.jpg',
  'SLACK_LEGACY_TOKEN=xoxs-6582822956-1616246074-236306605',
]

[[rules]]
id = "slack-webhook-url"
description = 'Slack incoming webhook URL (hooks.slack.com/services/T…/B…/…)'
regex = '''((?:https?://)?hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{23,25})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['hooks.slack.com']
entropy = 3.5
tags = ["slack", "chat", "webhook"]
examples = [
  'slack_webhook: https://hooks.slack.com/services/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',
  'SLACK_WEBHOOK_URL="https://hooks.slack.com/services/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"',
  '''curl -X POST -d '{"text":"deployed"}' hooks.slack.com/services/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''',
]
negative_examples = [
  'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX',
  'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
  'see https://hooks.slack.com/services/ for details',
]

[[rules]]
id = "slack-workflow-webhook-url"
description = 'Slack Workflow Builder webhook URL (hooks.slack.com/workflows/… or /triggers/…)'
regex = '''((?:https?://)?hooks\.slack\.com/(?:workflows/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{15,20}/[A-Za-z0-9]{24}|triggers/T[A-Z0-9]{8,12}/[0-9]{10,20}/[a-f0-9]{32}))(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['hooks.slack.com']
entropy = 3.5
tags = ["slack", "chat", "webhook"]
examples = [
  'SLACK_WORKFLOW_URL=https://hooks.slack.com/workflows/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',
  '  trigger_url: "https://hooks.slack.com/triggers/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"',
]
negative_examples = [
  'SLACK_WORKFLOW_URL=https://hooks.slack.com/workflows/T000/A000/000/xxxx',
  'SLACK_WORKFLOW_URL=https://hooks.slack.com/workflows/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',
]

[[rules]]
id = "discord-bot-token"
description = 'Discord bot token (base64 user id . timestamp . HMAC) assigned to a Discord/bot-token variable or passed to client.run()/login()'
regex = '''(?:(?i:discord[\w.-]{0,30}?|bot[_.-]?token[\w.-]{0,10}?)['"]?[ \t]{0,3}(?:=|:=|:|=>)[ \t]{0,3}['"\x60]?|\.(?:run|login)\([ \t]*['"\x60])([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['discord', 'bot_token', 'bot-token', 'bottoken', '.run(', '.login(']
entropy = 4.0
tags = ["discord", "chat"]
examples = [
  'DISCORD_TOKEN=ODIzODgyMjQzOTQ5NzE1OTYx.TLMZvf.PyH3l3rf4125eKCM3DwporPEOzmOaQhi5ktmD6',
  '''bot.run('NjE0MjA3Mjg3MjIyNTkyMDU5.aZIUvj.rRBUY77HRg3D9900O8r3Y621ksqC7Vtwin9GbI')''',
  'client.login("MzgyOTU0MzI0Njg0OTg0NjA1.Bi_Zsn.g5XHOhQTtjX1NN0hjGtY4oHCBBaQ5T4PDvBP9l");',
  '  "bot_token": "ODM1MTkwNDk4MDMyODExMjcw.soN8w2.iVCUpf0-K8TtoTa1NtWNh9Ceh4l2vFkPmko8vs"',
]
negative_examples = [
  'DISCORD_TOKEN=your-bot-token-here',
  '''bot.run(os.getenv('DISCORD_TOKEN'))''',
  'DISCORD_TOKEN=ODIzODgyMjQzOTQ5NzE1OTYx.TLMZv',
  "jwt = 'ODIzODgyMjQzOTQ5NzE1OTYx.TLMZvf.PyH3l3rf4125eKCM3DwporPEOzmOaQhi5ktmD6'",
]

[[rules]]
id = "discord-webhook-url"
description = 'Discord webhook URL (discord.com/api/webhooks/<id>/<token>)'
regex = '''((?:https?://)?(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/(?:v[0-9]+/)?webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['discord.com/api', 'discordapp.com/api']
entropy = 4.0
tags = ["discord", "chat", "webhook"]
examples = [
  'DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/4899258004584028431/jrJ0_JCM8EeXDG7zHRlnhpW27OucIWwNF98um-ddlPg7zQGNhH3POFsNONGsFTW0iYr6',
  '  webhook: "https://discordapp.com/api/webhooks/180263547348971268/rOgILX44ubxmInIEXeiTkF0VmwUuB-UCAQJxXl5p_yKjOAZCdXtqKbv7dJy6aMD3SFfM"',
]
negative_examples = [
  'DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/000000000000000000/xxxxxxxx',
  'see https://discord.com/api/webhooks/{id}/{token}',
]

[[rules]]
id = "discord-client-secret"
description = 'Discord OAuth2 application client secret (32 characters) assigned to a Discord secret variable'
regex = '''(?i:discord[\w.-]{0,20}?(?:client[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9_-]{32})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['discord']
entropy = 3.5
confidence = "medium"
tags = ["discord", "chat", "oauth"]
examples = [
  'DISCORD_CLIENT_SECRET=wIlMJNuS9JLnoyQwVm8BsWaw6iM4HLAP',
  '  discordClientSecret: "Rdumvdun5RTrOIF6aauwJaG_7BW-PR0Y",',
]
negative_examples = [
  'DISCORD_CLIENT_SECRET=${DISCORD_CLIENT_SECRET}',
  'DISCORD_CLIENT_SECRET=wIlMJNuS9JLnoyQwVm8B',
  'DISCORD_CLIENT_ID=921797433964566223',
]

[[rules]]
id = "telegram-bot-token"
description = 'Telegram Bot API token (<8-10 digit bot id>:AA + 33 characters)'
regex = '''(?:^|[^0-9A-Za-z\n]|bot)([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = [':AA']
entropy = 3.5
tags = ["telegram", "chat"]
examples = [
  'TELEGRAM_BOT_TOKEN=2518030160:AAgBbWm-4cDQFWEIpnq4k1Ew3chkq0qxffo',
  'https://api.telegram.org/bot2518030160:AAgBbWm-4cDQFWEIpnq4k1Ew3chkq0qxffo/sendMessage',
  'bot = telebot.TeleBot("260393353:AAWcXjaNCqi3FJD8IZ-fK_PmUk5UplvXS6r")',
]
negative_examples = [
  'TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'TELEGRAM_BOT_TOKEN=1936:AA1rMi8GX3iQiAhiUIfO1fN1xxyJaQN64YN',
  'TELEGRAM_BOT_TOKEN=2518030160:AAgBbWm-4cDQFWEIpnq4k1Ew3chkq0qxffocgKO',
  'mac = 00:AA:BB:CC:DD:EE',
]

[[rules]]
id = "microsoft-teams-webhook-url"
description = 'Microsoft Teams incoming webhook URL (*.webhook.office.com/webhookb2/… or outlook.office.com/webhook/…)'
regex = '''((?:https://)?(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:/[A-Za-z0-9_-]{20,80})?)(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['webhook.office.com', 'outlook.office.com/webhook', 'outlook.office365.com/webhook']
entropy = 3.5
tags = ["microsoft-teams", "chat", "webhook"]
examples = [
  'TEAMS_WEBHOOK_URL=https://contoso6s9.webhook.office.com/webhookb2/2ec781fd-5157-5795-cf69-c87bab415bd0@283d0656-8608-51cb-a64b-a0bd2a748b11/IncomingWebhook/820f7efe705935c3da88832beecd4092/b91eefc9-0410-ae70-9720-535973e00f42/V2ai5SdZUI0MNr2esXQMI_frubSS-gkYuVM-fQGzLu',
  '  webhooks: https://outlook.office.com/webhook/dfcaaf9c-7d80-6262-db0e-8e741a4eacdf@7052011d-7c1c-2c67-f908-196a43d7cb48/IncomingWebhook/54ac8e0a6f1c2f4383180676b30c8e40/3ee7cbcc-1b5e-0335-fa75-0e5a9f7c3ee2',
]
negative_examples = [
  'TEAMS_WEBHOOK_URL=https://contoso.webhook.office.com/webhookb2/<id>@<tenant>/IncomingWebhook/<x>/<y>',
  "webhookUrl: 'https://outlook.office.com/webhook/8f5efb72-ec1f-401e-0323-dd9e2664d729@77d88ab3-64e6-16e5-94d8-c71d90c7c677/JenkinsCI/10fa6dbd08f53462c403cda5d3f9b032/678efbea-a930-3361-80d4-6524a33734ef'",
]

[[rules]]
id = "microsoft-teams-workflow-webhook-url"
description = 'Microsoft Teams Workflows / Power Automate / Logic Apps HTTP trigger URL; the sig= parameter is the secret'
regex = '''(?i:\.logic\.azure\.com|\.powerplatform\.com)(?::443)?/[^ \t\n'"\x60?]{0,120}workflows/[0-9a-f]{32}/triggers/[^ \t\n'"\x60]{0,300}?[?&]sig=([A-Za-z0-9_%-]{43,64})(?:[^A-Za-z0-9_%\n-]|$)'''
secret_group = 1
keywords = ['logic.azure.com', 'powerplatform.com']
entropy = 4.0
tags = ["microsoft-teams", "power-automate", "azure", "webhook"]
examples = [
  'TEAMS_FLOW_URL=https://prod-98.westeurope.logic.azure.com:443/workflows/f455547b8335a1e977a70e8d1e876118/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=hN1oS7bREJUxS8PqpTwcmI_uqa0ens3TtyiOuy5p3yE',
  '  "webhookUrl": "https://d0d199d60ab464ba8b456606b19c6a91.4k.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/1a6d89cfbbeaeddf5beef92cffa0a702/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=N6sltlmHrtyosagyqstBlSoha8QMiEwojgRKxSGI67I"',
]
negative_examples = [
  'TEAMS_FLOW_URL=https://prod-98.westeurope.logic.azure.com:443/workflows/f455547b8335a1e977a70e8d1e876118/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0',
  'https://prod-00.westus.logic.azure.com:443/workflows/<id>/triggers/manual/paths/invoke?sig=<sig>',
]

[[rules]]
id = "mattermost-access-token"
description = 'Mattermost personal access / bot token (26 lowercase characters) assigned to a Mattermost token variable'
regex = '''(?i:mattermost[\w.-]{0,20}?(?:token|key|secret|password))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([a-z0-9]{26})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['mattermost']
entropy = 3.5
confidence = "medium"
tags = ["mattermost", "chat"]
examples = [
  'MATTERMOST_TOKEN=kwxfqmrhbwujil8ytavvxfcjnw',
  '  mattermost_bot_token: "d0aj89ooeafvhyewus7bj8mbfp"',
]
negative_examples = [
  'MATTERMOST_TOKEN=${MM_TOKEN}',
  'MATTERMOST_TOKEN=kwxfqmrhbwujil8ytavv',
  'MATTERMOST_TEAM=kwxfqmrhbwujil8ytavvxfcjnw',
]

[[rules]]
id = "mattermost-webhook-url"
description = 'Mattermost incoming webhook URL (https://<host>/hooks/<26-character id>)'
regex = '''(https?://[A-Za-z0-9.-]+(?::[0-9]{2,5})?/hooks/[a-z0-9]{26})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['/hooks/']
entropy = 3.5
confidence = "medium"
tags = ["mattermost", "chat", "webhook"]
examples = [
  'MATTERMOST_WEBHOOK_URL=https://chat.acme-fx00.io/hooks/ct9r6j6cw10qceqhwfp75l3tjj',
  "  url: 'https://chat.acme-fx00.io/hooks/ct9r6j6cw10qceqhwfp75l3tjj'",
]
negative_examples = [
  'cp pre-commit .git/hooks/pre-commit',
  'ROCKETCHAT_HOOK=https://chat.acme.io/hooks/cwyl3z3qrcs9gpOPA/2pN3aXbaPc7FPDRG3Htuh4gChviu2O9JEyDqtlZsDqRcxPBZ',
  'MATTERMOST_WEBHOOK_URL=https://chat.example.com/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx',
]

[[rules]]
id = "matrix-access-token"
description = 'Matrix (Synapse) access token (syt_<base64 user>_<20 random>_<6-char checksum>)'
regex = '''\b(syt_[A-Za-z0-9_-]{2,80}?_[A-Za-z0-9]{20}_[A-Za-z0-9]{6})\b'''
secret_group = 1
keywords = ['syt_']
entropy = 3.5
tags = ["matrix", "synapse", "chat"]
examples = [
  'MATRIX_ACCESS_TOKEN=syt_b3BzeG1zcw_hAYa5ttEdK8tjMSiqJSY_2DBiBc',
  '  "access_token": "syt_b3BzaWRoYw_3zPVrKsO9NXF5vyl9yTX_26kE4S",',
]
negative_examples = [
  'MATRIX_ACCESS_TOKEN=syt_xxxx_xxxxxxxxxxxxxxxxxxxx_xxxxxx',
  'MATRIX_ACCESS_TOKEN=syt_b3BzeG1zcw_hAYa5ttEdK8tjMSiqJS',
]

[[rules]]
id = "zulip-api-key"
description = 'Zulip API key (32 characters) assigned to a Zulip key variable'
regex = '''(?i:zulip[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['zulip']
entropy = 3.5
confidence = "medium"
tags = ["zulip", "chat"]
examples = [
  'ZULIP_API_KEY=IHsAX5hu3nTSDnTtuRIIcJsDf9vXL7Ky',
  '  zulip_key: "Tr3VTeQtgyjJKZ4HHno3fcIXjEcGegGc"',
]
negative_examples = [
  'ZULIP_API_KEY=<api key>',
  'ZULIP_API_KEY=IHsAX5hu3nTSDnTtuRIIcJsD',
  'ZULIP_SITE=IHsAX5hu3nTSDnTtuRIIcJsDf9vXL7Ky',
]

"""#),
        (#"cloud.toml"#, #"""
# patterns/cloud.toml — cloud provider credentials: AWS, Google Cloud / Firebase, Microsoft Azure,
# Alibaba Cloud, Tencent Cloud, IBM Cloud, Yandex Cloud.
# Formats: AWS IAM identifiers reference; Google API key / OAuth docs; Microsoft security-utilities
# (identifiable keys, common annotated security keys, Entra client secrets); provider SDK docs.

[[rules]]
id = "aws-access-key-id"
description = 'AWS access key ID (AKIA long-term, ASIA temporary STS, ABIA STS service bearer, ACCA context-specific)'
regex = '''\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b'''
secret_group = 1
keywords = ['AKIA', 'ASIA', 'ABIA', 'ACCA']
entropy = 3.0
tags = ["aws", "cloud"]
examples = [
  'aws_access_key_id = AKIACSRMR4TNG4UMSDCX',
  'export AWS_ACCESS_KEY_ID="ASIAKBKAD2TFQ3ME3EGI"',
  '    "AccessKeyId": "ABIAJN4YAQHILDAEXE7U",',
]
negative_examples = [
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_access_key_id = AKIACSRMR4TNG4UMSDC',
  'key = akiacsrmr4tng4umsdcx',
  'REPUBLICOFSLOVAKIAEUROPEANUNIONMEMBER',
]

[[rules]]
id = "aws-secret-access-key"
description = 'AWS secret access key (40 base64 characters) assigned to an AWS secret-key variable or field'
regex = '''(?i:aws[_.-]?secret(?:[_.-]?access)?(?:[_.-]?key)?|secret[_.-]?access[_.-]?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=\n]|$)'''
secret_group = 1
keywords = ['aws_secret', 'aws-secret', 'awssecret', 'aws.secret', 'secret_access_key', 'secretaccesskey', 'secret-access-key']
entropy = 4.0
confidence = "medium"
tags = ["aws", "cloud"]
examples = [
  'aws_secret_access_key = EhEwP1oVC3qGId86ExR48VhzWVI8TAM4V77qf1P6',
  'export AWS_SECRET_ACCESS_KEY="DeoEyrt/nJGF6/vg5jjkqhhUOb7gRjI8ciBPv9il"',
  '    "SecretAccessKey": "UlfqoWSuAfSQ6DltNCgoUKxCDEf0wrGquWJSjLyy",',
  '''  secretAccessKey: 'EhEwP1oVC3qGId86ExR48VhzWVI8TAM4V77qf1P6',''',
]
negative_examples = [
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}',
  'aws_secret_access_key = EhEwP1oVC3qGId86ExR48VhzWVI8TAM4V77qf1',
  'aws_secret_access_key = EhEwP1oVC3qGId86ExR48VhzWVI8TAM4V77qf1P6y0bpSjZ4',
]

[[rules]]
id = "aws-session-token"
description = 'AWS temporary session token (STS) assigned to an AWS session-token variable or SessionToken field'
regex = '''(?i:aws[_.-]?session[_.-]?token|sessiontoken)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9/+]{100,}={0,2})(?:[^A-Za-z0-9/+=\n]|$)'''
secret_group = 1
keywords = ['session_token', 'session-token', 'session.token', 'sessiontoken']
entropy = 4.0
confidence = "medium"
tags = ["aws", "cloud"]
examples = [
  'aws_session_token = IQoJb3JpZ2luX2Vj3KgQjjh5H+tdkbmx4xqsYYJ/q58YQozmo4CI1279cXw8232tzgMNV43Z95tsggluGesJ7ZZKZxYWRx45t3/1KQM2dHcmzXvYUQtd4BTTBUVlxHJGZATzX3yczGGWjo07YAsNSnwkoOK3TRB/4fAUxPSu8QjWq0zpttyvircvUXQm9eaSPY65OeefUuBYdg1tDvyKAgBwxSD9d+6y993cM6GJm0scE1857RZo1v4Z9BELx9kxSSD9qGgjvXX0GrmFei3VxOEpWEQQa3zcbNAD4mE9BuhKmRxC6zmpBSeM6Z4FoaWcn7qTt3luOV/B9wso5rzlI3b2tqHWc7605r8u==',
  '    "SessionToken": "IQoJb3JpZ2luX2Vj3KgQjjh5H+tdkbmx4xqsYYJ/q58YQozmo4CI1279cXw8232tzgMNV43Z95tsggluGesJ7ZZKZxYWRx45t3/1KQM2dHcmzXvYUQtd4BTTBUVlxHJGZATzX3yczGGWjo07YAsNSnwkoOK3TRB/4fAUxPSu8QjWq0zpttyvircvUXQm9eaSPY65OeefUuBYdg1tDvyKAgBwxSD9d+6y993cM6GJm0scE1857RZo1v4Z9BELx9kxSSD9qGgjvXX0GrmFei3VxOEpWEQQa3zcbNAD4mE9BuhKmRxC6zmpBSeM6Z4FoaWcn7qTt3luOV/B9wso5rzlI3b2tqHWc7605r8u==",',
]
negative_examples = [
  'aws_session_token = ${AWS_SESSION_TOKEN}',
  'aws_session_token = IQoJb3JpZ2luX2Vj3KgQjjh5H+tdkbmx4xqsYYJ/q58YQozmo4CI1279cXw8',
  'session_id = IQoJb3JpZ2luX2Vj3KgQjjh5H+tdkbmx4xqsYYJ/q58YQozmo4CI1279cXw8232tzgMNV43Z95tsggluGesJ7ZZKZxYWRx45t3/1KQM2dHcmzXvYUQtd4BTTBUVlxHJGZATzX3yczGGWjo07YAsNSnwkoOK3TRB/4fAUxPSu8QjWq0zpttyvircvUXQm9eaSPY65OeefUuBYdg1tDvyKAgBwxSD9d+6y993cM6GJm0scE1857RZo1v4Z9BELx9kxSSD9qGgjvXX0GrmFei3VxOEpWEQQa3zcbNAD4mE9BuhKmRxC6zmpBSeM6Z4FoaWcn7qTt3luOV/B9wso5rzlI3b2tqHWc7605r8u==',
]

[[rules]]
id = "aws-mws-auth-token"
description = 'Amazon Marketplace Web Service (MWS) auth token'
regex = '''\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b'''
secret_group = 1
keywords = ['amzn.mws.']
entropy = 3.0
tags = ["aws", "amazon", "mws"]
examples = [
  'MWS_AUTH_TOKEN=amzn.mws.d020793f-659e-e136-421e-e81d65f97585',
  "  mws_auth_token: 'amzn.mws.d020793f-659e-e136-421e-e81d65f97585'",
]
negative_examples = [
  'MWS_AUTH_TOKEN=amzn.mws.xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
  'MWS_AUTH_TOKEN=amzn.mws.d020793f-659e-e136-421e-e81d65f97',
]

[[rules]]
id = "aws-bedrock-api-key"
description = 'Amazon Bedrock long-term API key (ABSK + base64 of BedrockAPIKey-…-at-<account>:<secret>)'
regex = '''\b(ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{80,300}={0,2})(?:[^A-Za-z0-9+/=\n]|$)'''
secret_group = 1
keywords = ['ABSKQmVkcm9ja0FQSUtleS']
entropy = 4.0
tags = ["aws", "bedrock", "ai"]
examples = [
  'AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS04eDBzLWF0LTEyNDE4NzQ5Mzk3NDpRUCtrc1RDU2NqUmxqU3JINndzWWhFbmhobDdPNS91QXlxTVBPenh3NG1MU2I0bjl4bFpLbUE9PQ==',
  'bedrock_api_key = "ABSKQmVkcm9ja0FQSUtleS1xeHIzLWF0LTc1ODk5NTUxODEzODpGNnpWNHh4VUNmT3ZkaXZxb1FhZjRscnNqTjlZZkxkenJMQVVDM2lhWUtLKyt5V3poMGFaZ2c9PQ=="',
]
negative_examples = [
  'AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS0...',
  "key = 'ABSKQmVkcm9ja0FQSUtleS10ZXN0LWtleS0xMjM0NTY3ODkw'",
]

[[rules]]
id = "gcp-service-account-key"
description = 'Google Cloud service account key file (JSON with "type": "service_account" and an embedded private key); the secret is the private key'
regex = '''"type"[ \t]*:[ \t]*"service_account"[\s\S]{0,1000}?"private_key"[ \t]*:[ \t]*"(-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{64,}?-----END PRIVATE KEY-----)(?:\\n)?"'''
secret_group = 1
keywords = ['service_account']
entropy = 4.5
tags = ["gcp", "google", "cloud"]
examples = [
  '''
{
  "type": "service_account",
  "project_id": "acme-bqkvja",
  "private_key_id": "513d850df0691a0692ac57cc4f454daf21c804f3",
  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKd09mQ2+5TxwREl+VfGC9eP+1DtXWKg\nTyGKmgKin2D4fPDc/TNxX5wB/6YVm72a5eABzG4cBBCha4Ae3YOCdd5S9vPtx2fQ\nGef6n96vNKWZDiDKBS5FizHBzMs4UxrWXmSImmWfhIBA3Y1XNXKrCrdaKyM/JL50\nHTLrCy8w7GJlyb0SJLn1n8/x+hwK1hCBZroTln0bertwqGJczkn+VozjHTAgiQeL\nuFFZ8SCg7NBC4u2jwAAnYKU1NxeQlR/4oKZeBV8JP2ij1Z5YuJJA2RkEEc4V7BWe\na+xIcyBIpAvJV7DLWOzJhD7rTKVcDEJkYPrJUMn4EROSnJLLuE6fSZdaKuf5cflU\nIoNBX1pvKjA1YhXFPBz/QONM76/eTVnGKl5JhV3SI2h0p02p1UAbud7mh+oEgBvf\n9QwZtC/2FjBSZQ4p+a9s3v/UO56xrXJMUCxmMV3e8I8OMV5++vm28oVnI0S8QG1z\n9b8Pk8NDvH30S5cjTpeWs3bI3RGMO+4NsQa3JsPARCD+kt91OGmCfMstMcwcKQAX\npJWQOW8dyRlBla//UBJOJRrwghihEzEYr0dX98NZlblVoQWYndZ5Ps/1Kz3UfNCz\nj346oIBzc43q93YWObtLXJDSQ0XvOrIYLoyjqQ+Nay5K0jNiJl2UsZVAUCdBEYud\nZCvgh7MUxQi4WtgBkTXiKwPci2dxhITR2Siw0+DZAY5MpExSFl+ckz7UJUrfabiJ\n6ie1VvsgLs+wm6bkSwT2za2zv5aNTp73J58owxVY0l55Nb2TRR5x0D6se12AJJGj\n3+Bdu7VyZ3GRgY/oMMOuDpKLI1t3tQHfugLGmUSaXhn4w706IVqz40mZfcMKGxDv\n+a0IU/lO0myvjuqjQiTCSVeZza5XXFJmcF3gRgFEoHQfZN379uf7KJtQFu9n6+UV\nMwEvhyS/6sgi62rpFWaYDaJxkd/ikB8g3bsxTfua6pfbJXJ0kFkExKyuCa5gBHeT\nK91vymNjUnMoIHCQAi+PpiJh7ZQT3dib1fCoApXfC1ubeU1kbcoX1mUsfbOF0PZf\nIk4EF6apVlKh3sPpjVf0Fxv4sFBfsYK16Z2DeIu47+cUATgmT/+sy0EtLCVPBHxZ\nFKI0ecCLIRvQBcDlC8w4KmjEiQFtXiVtjkXd6MU06Ti2v0dtFes661YDCTdmZeLW\nMNLR/qpT0gWh7YlSu4QQDqOIvktQhryrIWb6iD80ThML/YHAdKYMqFRdcQp02n/i\nsyXpyo/0ddUK7cNiPzm+KmnHiW0tXpolsjfXd0cQCR+tjjCZHNSCr+uYzkXXC1mT\nNXrT16ovqycCUGuq4Cl5rwyUko5Ex57N9IwOjIlDQ2i5QTtd4LqAq+0hISJGT527\nURlJquJ8Z0VAELdilsZ1hmUSviBbPo30OugBfJG3UTdR0SRj6g7FbbiP4B22w2oS\nSRZ1BkdzCjQ29BbcRGUDb7rVaBt2KQ1qWVhLdM2EFQCF0L7PoKh2yN0Ham4WbT5I\nfeXxtgbBbkrenWdX+D2BGUc8o6mD2UElwTjIGQxziNKNZjtvsjqlU2vrrOMnPFVl\nEmnCCVtgU5hxVfpFvzQ1bw==\n-----END PRIVATE KEY-----\n",
  "client_email": "deployer@acme-bqkvja.iam.gserviceaccount.com",
  "client_id": "507150998604084507753",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token"
}''',
  'GOOGLE_CREDENTIALS={"type":"service_account","project_id":"acme-bqkvja","private_key_id":"aa266155342a3d6cff0c9007d007952f4b3eb514","private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcWcTXWMm/Tv2iT9ianeiXPAStv4ADa\nY0Gzd7EWQPB0ZBCY+cK8RqwLZd8/xXjAvSpHD7fF/D8yNMT8d4KGnC85FKVhd0KP\nkdwt7l1yjOwwUjP2LwAZCNxKIdyimyaceNIxyweKPcWTULHMR6+p+ok3iy3tOtir\nTNvOgpBAPNjaKb0+yNFPd7+NX1d0n+OylG8Z0aHNNGQPMsqPRSqLQErpWwp58vHp\nQPayrBu230Jr0MkvRDDCxr7rVR5jxkD44helUi0uS4sRy4/roJA7D6j/MNZeAohg\ndSzvES3RZlSqNo30eioLxm1Jadum6XmU3wRdGM4O0q9LFbqBbHeohkS1lW2szcaW\nHahCGz2K38JTR68YWT8m4XL3xvcR06i1ZbzoKlUlZbBWBFG9x8dF1mBOaoqyBivs\n5CAGcfA97PRGB6dbdQgvah9NCIr2tmyqcyE+sF733Og2BJhumesX2b/k1DLb5/2E\nwhUPdYwaRg3MNwJ3lQbkY6BfCk6lmaXEMDZwyRPKunthtc9wwWPwcaql2kaBykDk\namk2jz5vkAly7AeIfVUZ0nWH/F+bnm+pK7GCNvcoScN7BaEr2kJk+CNDTUcOUKvu\nTU+1uOSEiRD3Y6GCN2yYKTg1/iIcQRuG/+kj4tszrQvYg549HEoyHOhwO5GOOC0+\nZI+PHZVDMdLl16ydNp9//Hnn+TR4liMOLlcY3cknIshwxef3w/JW/nfFUoZTsvds\nq87CH7CW+rljvMCSUxtnKyF116PH04zOM4wHJadESbCx0X7PI++c14jU2VJkWXaO\n/djDPUwW5LsDr0pk53UErQ==\n-----END PRIVATE KEY-----\n","client_email":"ci@acme-bqkvja.iam.gserviceaccount.com"}',
]
negative_examples = [
  '''
{
  "type": "service_account",
  "project_id": "acme-bqkvja",
  "private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"
}''',
  '''
{
  "type": "authorized_user",
  "project_id": "acme-bqkvja",
  "private_key_id": "513d850df0691a0692ac57cc4f454daf21c804f3",
  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKd09mQ2+5TxwREl+VfGC9eP+1DtXWKg\nTyGKmgKin2D4fPDc/TNxX5wB/6YVm72a5eABzG4cBBCha4Ae3YOCdd5S9vPtx2fQ\nGef6n96vNKWZDiDKBS5FizHBzMs4UxrWXmSImmWfhIBA3Y1XNXKrCrdaKyM/JL50\nHTLrCy8w7GJlyb0SJLn1n8/x+hwK1hCBZroTln0bertwqGJczkn+VozjHTAgiQeL\nuFFZ8SCg7NBC4u2jwAAnYKU1NxeQlR/4oKZeBV8JP2ij1Z5YuJJA2RkEEc4V7BWe\na+xIcyBIpAvJV7DLWOzJhD7rTKVcDEJkYPrJUMn4EROSnJLLuE6fSZdaKuf5cflU\nIoNBX1pvKjA1YhXFPBz/QONM76/eTVnGKl5JhV3SI2h0p02p1UAbud7mh+oEgBvf\n9QwZtC/2FjBSZQ4p+a9s3v/UO56xrXJMUCxmMV3e8I8OMV5++vm28oVnI0S8QG1z\n9b8Pk8NDvH30S5cjTpeWs3bI3RGMO+4NsQa3JsPARCD+kt91OGmCfMstMcwcKQAX\npJWQOW8dyRlBla//UBJOJRrwghihEzEYr0dX98NZlblVoQWYndZ5Ps/1Kz3UfNCz\nj346oIBzc43q93YWObtLXJDSQ0XvOrIYLoyjqQ+Nay5K0jNiJl2UsZVAUCdBEYud\nZCvgh7MUxQi4WtgBkTXiKwPci2dxhITR2Siw0+DZAY5MpExSFl+ckz7UJUrfabiJ\n6ie1VvsgLs+wm6bkSwT2za2zv5aNTp73J58owxVY0l55Nb2TRR5x0D6se12AJJGj\n3+Bdu7VyZ3GRgY/oMMOuDpKLI1t3tQHfugLGmUSaXhn4w706IVqz40mZfcMKGxDv\n+a0IU/lO0myvjuqjQiTCSVeZza5XXFJmcF3gRgFEoHQfZN379uf7KJtQFu9n6+UV\nMwEvhyS/6sgi62rpFWaYDaJxkd/ikB8g3bsxTfua6pfbJXJ0kFkExKyuCa5gBHeT\nK91vymNjUnMoIHCQAi+PpiJh7ZQT3dib1fCoApXfC1ubeU1kbcoX1mUsfbOF0PZf\nIk4EF6apVlKh3sPpjVf0Fxv4sFBfsYK16Z2DeIu47+cUATgmT/+sy0EtLCVPBHxZ\nFKI0ecCLIRvQBcDlC8w4KmjEiQFtXiVtjkXd6MU06Ti2v0dtFes661YDCTdmZeLW\nMNLR/qpT0gWh7YlSu4QQDqOIvktQhryrIWb6iD80ThML/YHAdKYMqFRdcQp02n/i\nsyXpyo/0ddUK7cNiPzm+KmnHiW0tXpolsjfXd0cQCR+tjjCZHNSCr+uYzkXXC1mT\nNXrT16ovqycCUGuq4Cl5rwyUko5Ex57N9IwOjIlDQ2i5QTtd4LqAq+0hISJGT527\nURlJquJ8Z0VAELdilsZ1hmUSviBbPo30OugBfJG3UTdR0SRj6g7FbbiP4B22w2oS\nSRZ1BkdzCjQ29BbcRGUDb7rVaBt2KQ1qWVhLdM2EFQCF0L7PoKh2yN0Ham4WbT5I\nfeXxtgbBbkrenWdX+D2BGUc8o6mD2UElwTjIGQxziNKNZjtvsjqlU2vrrOMnPFVl\nEmnCCVtgU5hxVfpFvzQ1bw==\n-----END PRIVATE KEY-----\n",
  "client_email": "deployer@acme-bqkvja.iam.gserviceaccount.com",
  "client_id": "507150998604084507753",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token"
}''',
  '{"type": "service_account", "project_id": "acme-bqkvja", "client_email": "ci@acme-bqkvja.iam.gserviceaccount.com"}',
]

[[rules]]
id = "gcp-api-key"
description = 'Google API key (AIza + 35 characters): Google Cloud, Maps, Firebase, Gemini / AI Studio'
regex = '''\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['AIza']
entropy = 4.0
tags = ["gcp", "google", "firebase", "gemini"]
stopwords = ['abcdefghijklmnopqrstuvwxyz']
examples = [
  'GOOGLE_API_KEY="AIzaBDUPsA1DRTrPpZ9LlF_88X2Iu_JU0PLkky7"',
  '  apiKey: "AIzak41v7VdlA1UySEbCk1cE6qB95r9D7KO8TG-",',
  'https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key=AIzaBDUPsA1DRTrPpZ9LlF_88X2Iu_JU0PLkky7',
]
negative_examples = [
  'GOOGLE_API_KEY="AIzaBDUPsA1DRTrPpZ9LlF_88X2Iu_JU0PLkky"',
  'GOOGLE_API_KEY="AIzaBDUPsA1DRTrPpZ9LlF_88X2Iu_JU0PLkky7Q"',
  'apiKey: "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"',
  "apiKey: 'AIzaSyabcdefghijklmnopqrstuvwxyz1234567'",
]

[[rules]]
id = "google-oauth-client-secret"
description = 'Google OAuth 2.0 client secret (GOCSPX- + 28 characters)'
regex = '''\b(GOCSPX-[0-9A-Za-z_-]{28})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['GOCSPX-']
entropy = 3.5
tags = ["google", "gcp", "oauth"]
examples = [
  'GOOGLE_CLIENT_SECRET="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"',
  '{"web":{"client_id":"628566387568-xsl5uexg6i5q823nj2qxykcevbl38vvy.apps.googleusercontent.com","client_secret":"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"}}',
]
negative_examples = [
  'GOOGLE_CLIENT_SECRET=GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'GOOGLE_CLIENT_SECRET=GOCSPX-8IJlYfRJgM1Q4IY9ZmyERjrgIY',
]

[[rules]]
id = "google-oauth-access-token"
description = 'Google OAuth 2.0 access token (ya29.…), short-lived bearer token'
regex = '''\b(ya29\.[0-9A-Za-z_-]{30,})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['ya29.']
entropy = 4.0
confidence = "medium"
tags = ["google", "gcp", "oauth"]
examples = [
  'Authorization: Bearer ya29.aRmyJoYofKBqKWOVdI__lDtxLIGikoGQKz7Fax0JwJabs457hyVuZmlOikGBfUOPhO8BGdcZn1LrERzlEQh8ZKscFn2mnt1Xh1ga8V9LtWR1XEF15UGhxdsGWa4FtPWoblB5laXj8NUzoHQdYqPeEv',
  '  "access_token": "ya29.aRmyJoYofKBqKWOVdI__lDtxLIGikoGQKz7Fax0JwJabs457hyVuZmlOikGBfUOPhO8BGdcZn1LrERzlEQh8ZKscFn2mnt1Xh1ga8V9LtWR1XEF15UGhxdsGWa4FtPWoblB5laXj8NUzoHQdYqPeEv",',
]
negative_examples = [
  'Authorization: Bearer ya29.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  "token = 'ya29.short'",
]

[[rules]]
id = "google-oauth-refresh-token"
description = 'Google OAuth 2.0 refresh token (1//0…)'
regex = '''(?:^|[^0-9A-Za-z/\n])(1//0[0-9A-Za-z_-]{40,})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['1//0']
entropy = 4.0
confidence = "medium"
tags = ["google", "gcp", "oauth"]
examples = [
  '  "refresh_token": "1//0YKha4rszwRY80q1uq1zjS2YfXCu3M0A8oRdZK-M7oL-vzFLYJlG9SLfnnAakJ5nUBnaqlq7G0exwftQ_7JjexTol2dUwWn_zeBU",',
  'GOOGLE_REFRESH_TOKEN=1//0YKha4rszwRY80q1uq1zjS2YfXCu3M0A8oRdZK-M7oL-vzFLYJlG9SLfnnAakJ5nUBnaqlq7G0exwftQ_7JjexTol2dUwWn_zeBU',
]
negative_examples = [
  'x = 1//0 comment',
  'GOOGLE_REFRESH_TOKEN=1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'http://host/path1//0YKha4rszwRY80q1uq1zjS2YfXCu3M0A8oRdZK-M7oL-vzFLYJlG9SLfnnAakJ5nUBnaqlq7G0exwftQ_7JjexTol2dUwWn_zeBU',
]

[[rules]]
id = "firebase-cloud-messaging-server-key"
description = 'Firebase Cloud Messaging legacy server key (AAAA…:APA91b…)'
regex = '''\b(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,200})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['APA91b']
entropy = 4.0
tags = ["firebase", "google", "fcm"]
examples = [
  'FCM_SERVER_KEY="AAAABanvr8g:APA91bo6SZG4bKZ_PNV-7Io5gTyA3971_ITv3Fp3wh3EGhBL7B8ajxTIHfiMTg_F1oBqQ3Qmx8jjBRMjUe94XAc_NboH5XKgCYKOTN1R5O_yuzJ616kHOs_Z4HhD2JMmhcIqCynb7KXQ"',
  'Authorization: key=AAAABanvr8g:APA91bo6SZG4bKZ_PNV-7Io5gTyA3971_ITv3Fp3wh3EGhBL7B8ajxTIHfiMTg_F1oBqQ3Qmx8jjBRMjUe94XAc_NboH5XKgCYKOTN1R5O_yuzJ616kHOs_Z4HhD2JMmhcIqCynb7KXQ',
]
negative_examples = [
  'registration_id = "v7Vnk0jQAAr:APA91bfxV4S06yKscHC6HfiyeSjqYju9hSn1ZxbEyv_npcpFRlZotSACJISHFNdOU8FD9qHNvAEjvT-L0igULUd2895CsmidbpUHzsH3i4NZGpcCY7vhF_1JsSS0ZBur952iYRQlDRhT"',
  'FCM_SERVER_KEY="AAAAxxxxxxx:APA91bxxxxxxxx"',
]

[[rules]]
id = "azure-storage-account-key"
description = 'Azure Storage (or Cosmos DB) account key: 86 base64 characters + == after AccountKey= or a storage-key variable'
regex = '''(?i:account[_-]?key|storage[_-]?(?:account[_-]?)?(?:access[_-]?)?key)[\w.-]{0,12}?['"]?[ \t]{0,3}(?:=|:=|:|=>)?[ \t]{0,3}['"\x60]?([A-Za-z0-9+/]{86}==)(?:[^A-Za-z0-9+/=\n]|$)'''
secret_group = 1
keywords = ['accountkey', 'account_key', 'account-key', 'storagekey', 'storage_key', 'storage-key', 'storage_account', 'storageaccount']
entropy = 4.5
tags = ["azure", "storage", "cosmosdb", "cloud"]
examples = [
  'AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=stqaim4mna50;AccountKey=sOVmMYmlWggbCf7bjM58W+QBKUtQRQ7YLEv/ABM/SDXj1Q4QKYHXHeFxS+QYDPMj3liDW1A+gbHSM0y5EQUSgu==;EndpointSuffix=core.windows.net',
  '"CosmosDb": "AccountEndpoint=https://stqaim4mna50.documents.azure.com:443/;AccountKey=QKyQOEZaQOKQD8GDNOalvfh70EJu8jek5Vr7Dv8uFIgij4SjuhHRyeFzongTcg3Wna1cA6a1KAb70JDeTGJlj8==;"',
  'az storage blob upload --account-name stqaim4mna50 --account-key sOVmMYmlWggbCf7bjM58W+QBKUtQRQ7YLEv/ABM/SDXj1Q4QKYHXHeFxS+QYDPMj3liDW1A+gbHSM0y5EQUSgu== -f a.txt -c data',
  'storage_account_access_key = "sOVmMYmlWggbCf7bjM58W+QBKUtQRQ7YLEv/ABM/SDXj1Q4QKYHXHeFxS+QYDPMj3liDW1A+gbHSM0y5EQUSgu=="',
]
negative_examples = [
  'DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=${STORAGE_KEY}',
  'AccountKey=sOVmMYmlWggbCf7bjM58W+QBKUtQRQ7YLEv/ABM/==',
  'AccountName=stqaim4mna50;Signature=sOVmMYmlWggbCf7bjM58W+QBKUtQRQ7YLEv/ABM/SDXj1Q4QKYHXHeFxS+QYDPMj3liDW1A+gbHSM0y5EQUSgu==',
]

[[rules]]
id = "azure-shared-access-key"
description = 'Azure Service Bus / Event Hubs / Relay / IoT Hub shared access key in a connection string (SharedAccessKey=)'
regex = '''(?i:SharedAccessKey)[ \t]*=[ \t]*([A-Za-z0-9+/]{42,43}={1,2})(?:[^A-Za-z0-9+/=\n]|$)'''
secret_group = 1
keywords = ['SharedAccessKey']
entropy = 4.0
tags = ["azure", "servicebus", "eventhubs", "iothub", "cloud"]
examples = [
  'Endpoint=sb://orders-s61pn.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=VqM5S9KzMNSiYRXg3mOR+9a1vnjMG/l5PcgPJ0E8DlL=',
  '"IOTHUB_CONNECTION_STRING": "HostName=hub-w4jm1.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=zhM2gX9LSQGh3Rb8DHgzzcyDy7Z7v+KbcWuKsbUfU43="',
]
negative_examples = [
  'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
  'SharedAccessKeyName=RootManageSharedAccessKey',
  'SharedAccessKey=VqM5S9KzMNSiYRXg3mOR=',
]

[[rules]]
id = "azure-sas-token"
description = 'Azure shared access signature (SAS) token: sv=<version> … sig=<signature> in a URL or connection string'
regex = '''(?i)\bsv=[0-9]{4}-[0-9]{2}-[0-9]{2}[^ \t\n'\x60"<>]{0,400}?[?&;]sig=([A-Za-z0-9%+/=]{43,120})(?:[^A-Za-z0-9%+/=\n]|$)'''
secret_group = 1
keywords = ['sig=']
entropy = 3.8
tags = ["azure", "storage", "sas", "cloud"]
examples = [
  'https://stqaim4mna50.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig=uuwpood3lIVc2GOLMZ1O9Abn8ZcT%2F53Cfe9epmkVerq%3D',
  'const sasToken = "sp=racwdli&st=2025-01-30T23:04:30Z&se=2025-02-28T07:04:30Z&sv=2022-11-02&sr=c&sig=L7tZMg1YFu438i%2FHB7pdJIAcUw5jl8cQP41qHhCCZZn%3D";',
]
negative_examples = [
  'https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&sig=<signature>',
  'https://example.org/?sig=uuwpood3lIVc2GOLMZ1O9Abn8ZcT%2F53Cfe9epmkVerq%3D',
  '?sv=2022-11-02&sig=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
]

[[rules]]
id = "azure-ad-client-secret"
description = 'Microsoft Entra ID (Azure AD) application client secret (3 characters + digit + Q~ + 31-34 characters)'
regex = '''(?:^|[\\'"\x60 \t\r>=:(,)\[])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:$|[\\'"\x60 \t\r<),\];&])'''
secret_group = 1
keywords = ['Q~']
entropy = 3.0
tags = ["azure", "entra", "aad", "cloud"]
examples = [
  'AZURE_CLIENT_SECRET=u0N8Q~g63~dx3W5taoQHutr13vCstxa27J45HSNu',
  '  "ClientSecret": "Bay7Q~VgysR5g38DXTny9j1g12es2SpVRH1Ex1EU",',
  '''az login --service-principal -u b631299b-1706-2f51-4518-99600bdf732b -p 'u0N8Q~g63~dx3W5taoQHutr13vCstxa27J45HSNu' --tenant 594b4310-f790-3a5e-132a-bbf3dfb3551e''',
]
negative_examples = [
  'AZURE_CLIENT_SECRET=abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'AZURE_CLIENT_SECRET=u0N8Q~g63~dx3W5taoQH',
  'https://example.com/a~b/8Q~index.html',
]

[[rules]]
id = "azure-devops-pat"
description = 'Azure DevOps personal access token (84-character annotated format with the AZDO signature)'
regex = '''\b([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4})\b'''
secret_group = 1
keywords = ['JQQJ9']
entropy = 3.5
tags = ["azure", "devops", "vcs"]
examples = [
  'AZURE_DEVOPS_EXT_PAT=ydEG9OcUIja8110Dc2KKPdHhIeY74tALzaQ2iUntq5PJsrcHM9qCJQQJ996Al6L1GQwW5eSVzVLZAZDOeb7t',
  'git clone https://build:ydEG9OcUIja8110Dc2KKPdHhIeY74tALzaQ2iUntq5PJsrcHM9qCJQQJ996Al6L1GQwW5eSVzVLZAZDOeb7t@dev.azure.com/contoso/app/_git/app',
]
negative_examples = [
  'AZURE_DEVOPS_EXT_PAT=ydEG9OcUIja8110Dc2KKPdHhIeY74tALzaQ2iUntq5PJsrcHM9qCJQQJ996Al6L1GQwW5eSVzVLZAZDOeb7',
  'key=GErgVpKZJWleXwNBvz8gEpHueIfqLXIpEeJuL79hhozobAWsKPQAJQQJ99nJyUb3hOi5nmxTLRPRACOGoccg',
]

[[rules]]
id = "azure-devops-pat-legacy"
description = 'Azure DevOps personal access token, legacy 52-character base32 format, assigned to an Azure DevOps / ADO token variable'
regex = '''(?i:(?:ado|azdo|azure[_.-]?devops|devops|vsts|tfs)[\w.-]{0,20}?(?:pat|token|password|personal[_.-]?access[_.-]?token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([a-z2-7]{52})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['ado_', 'ado-', 'azdo', 'devops', 'vsts', 'tfs_']
entropy = 3.5
confidence = "medium"
tags = ["azure", "devops", "vcs"]
examples = [
  'AZURE_DEVOPS_EXT_PAT=j7t7ikexx5avssob34jd34hxozv7eum7iigsnpdpfahi5or6uprk',
  'ado_pat = "uiwakv3i2zy6nxl4k6h6kscvarxz4xatvwrrk6cqw5t7gscwrcjc"',
  '  vsts_token: npuorosnokq3t3nspmkqvel4se52ewi3op752qjpfkp7gvwfk2nw',
]
negative_examples = [
  'AZURE_DEVOPS_EXT_PAT=$(System.AccessToken)',
  "ado_pat = 'j7t7ikexx5avssob34jd34hxozv7eum7iigsnpdp'",
  "commit = 'j7t7ikexx5avssob34jd34hxozv7eum7iigsnpdpfahi5or6uprk'",
]

[[rules]]
id = "azure-ai-services-key"
description = 'Azure AI services / Cognitive Services / Azure OpenAI key (84-character annotated format with the ACOG signature)'
regex = '''\b([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}ACOG[A-Za-z0-9]{4})\b'''
secret_group = 1
keywords = ['JQQJ9']
entropy = 3.5
tags = ["azure", "openai", "cognitive-services", "ai"]
examples = [
  'AZURE_OPENAI_API_KEY="Hkjykr2Qy0K6PZCegOjUBcQJjODpsRMcn8hrtKjdpjb5uCRlrvuFJQQJ9DjBObsb1Pnm44IUwOz9ACOG9wI6"',
  'Ocp-Apim-Subscription-Key: 0DzvCLKXTOE32m81dFru1KnkrQQGPPcBETKpMXWi5HHZiVytYmpvJQQJ991KxInlHWyQ1VTXRvbSACOGI6MM',
]
negative_examples = [
  'AZURE_OPENAI_API_KEY="Hkjykr2Qy0K6PZCegOjUBcQJjODpsRMcn8hrtKjdpjb5uCRlrvuFJQQJ9DjB"',
  'key=3sjc2rzdYgUDafVawVKbO2nZLQTluGP6PCqxzZ2o5mBBdHyKeS2pJQQJ99kJuK4gdk6vqtJMV1qZAZDOPctE',
]

[[rules]]
id = "azure-event-grid-key"
description = 'Azure Event Grid access key (84-character annotated format with the AZEG signature)'
regex = '''\b([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZEG[A-Za-z0-9]{4})\b'''
secret_group = 1
keywords = ['JQQJ9']
entropy = 3.5
tags = ["azure", "eventgrid", "cloud"]
examples = [
  'aeg-sas-key: cGB3KSb7cczdRo72APASP5LizGV4GtQijxiLNu28aqQBcUp2tHqZJQQJ99ABd5IUfHKpg04gQPRtAZEGsMr1',
  'EVENTGRID_KEY="fPBGnMQBEIY7Tf0FaPlxULN8703oZiOqHWBcoejsmLzbW6YOfbBXJQQJ99HD2XybRZzUKX0cufCmAZEGbXOV"',
]
negative_examples = [
  'aeg-sas-key: cGB3KSb7cczdRo72APASP5LizGV4GtQijxiLNu28aqQBcUp2tHqZJQQJ99ABd5IUfHKpg04gQPRtAZEGsM',
  'aeg-sas-key: inQgjWgNfBAe5JuHtcyHB9FPujSvSeEsw5BQ3SlICAMiWfnhw4KcJQQJ997FZsA5UivbaBYmu7nzACOGOHGQ',
]

[[rules]]
id = "azure-cognitive-services-key-legacy"
description = 'Azure AI services / Azure OpenAI / API Management key, legacy 32-hex format, assigned to an Azure key variable or subscription-key header'
regex = '''(?i:(?:azure|cognitive|speech|translator|ocp-apim-subscription)[\w.-]{0,25}?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['azure', 'cognitive', 'speech', 'translator', 'ocp-apim-subscription']
entropy = 3.0
confidence = "medium"
tags = ["azure", "openai", "cognitive-services", "ai"]
examples = [
  'AZURE_OPENAI_API_KEY="524dd7772f7e2dc8ffc73bfd405522f5"',
  'Ocp-Apim-Subscription-Key: b42a99d3dc7422aea9ffa828889b2ab2',
  "speech_key = 'aa6926e8d3bb94d7e23973e53a9bec1a'",
]
negative_examples = [
  'AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}',
  'AZURE_OPENAI_API_KEY="524dd7772f7e2dc8ffc73bfd405522"',
  'AZURE_OPENAI_DEPLOYMENT="524dd7772f7e2dc8ffc73bfd405522f5"',
]

[[rules]]
id = "azure-cache-redis-key"
description = 'Azure Cache for Redis access key in a *.redis.cache.windows.net connection string'
regex = '''(?i:\.redis\.cache\.windows\.net)(?::[0-9]{2,5})?,[^ \t\n'"\x60]{0,200}?(?i:password)=([A-Za-z0-9+/]{42,43}={1,2})(?:[^A-Za-z0-9+/=\n]|$)'''
secret_group = 1
keywords = ['redis.cache.windows.net']
entropy = 4.0
tags = ["azure", "redis", "cloud"]
examples = [
  'REDIS_URL="cache-e98e3c.redis.cache.windows.net:6380,password=d+W1mNX0AmaDr9hBk/00J0xdzDQiJdhadkFV7BHX/jO=,ssl=True,abortConnect=False"',
  'cache-e98e3c.redis.cache.windows.net:6380,abortConnect=False,password=NHl/C7hZizjRiOk5q/H2tFNlQ/SS7dbtyAzCaAup/ze=,ssl=True',
]
negative_examples = [
  'cache-e98e3c.redis.cache.windows.net:6380,password=<access-key>,ssl=True',
  'cache-e98e3c.redis.cache.windows.net:6380,ssl=True',
]

[[rules]]
id = "azure-function-key"
description = 'Azure Functions access key (identifiable format with the AzFu signature)'
regex = '''(?:^|[^A-Za-z0-9_\n-])([A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==)(?:[^A-Za-z0-9_=\n-]|$)'''
secret_group = 1
keywords = ['AzFu']
entropy = 4.0
tags = ["azure", "functions", "cloud"]
examples = [
  'https://orders-upgnq.azurewebsites.net/api/Process?code=WXs9Hax126IiV5eed5rW_co9juiBpwVlnlX9OkO2Koh0AzFuP0HAFQ==',
  'x-functions-key: WXs9Hax126IiV5eed5rW_co9juiBpwVlnlX9OkO2Koh0AzFuP0HAFQ==',
]
negative_examples = [
  'code=WXs9Hax126IiV5eed5rW_co9juiBpw',
  'x-functions-key: 4s1FA-Kh1AhNvOVYSFiYT9FHk0criluKrvqEhUf5KvTRAzFucZj2RZ==',
]

[[rules]]
id = "azure-search-key"
description = 'Azure AI Search (Cognitive Search) admin or query key (identifiable format with the AzSe signature)'
regex = '''(?:^|[^A-Za-z0-9+/\n])([A-Za-z0-9+/]{42}AzSe[A-D][A-Za-z0-9+/]{5})(?:[^A-Za-z0-9+/=\n]|$)'''
secret_group = 1
keywords = ['AzSe']
entropy = 4.0
tags = ["azure", "search", "cloud"]
examples = [
  'AZURE_SEARCH_KEY="x7qPPOhIRxUYtk6Av2q6BGHoYiKta9Uy3yyZPOuIrHAzSeDnpbCL"',
  'api-key: x7qPPOhIRxUYtk6Av2q6BGHoYiKta9Uy3yyZPOuIrHAzSeDnpbCL',
]
negative_examples = [
  'AZURE_SEARCH_KEY="x7qPPOhIRxUYtk6Av2q6BGHoYiKta9Uy3yyZPOuI"',
  'api-key: vHnla5V0Ow/e4ygZV+V8nyFVKNNJXXX3BzPN0fk1PPAzSeZ82jYV',
]

[[rules]]
id = "azure-container-registry-key"
description = 'Azure Container Registry access key / token password (identifiable format with the +ACR signature)'
regex = '''(?:^|[^A-Za-z0-9+/\n])([A-Za-z0-9+/]{42}\+ACR[A-D][A-Za-z0-9+/]{5})(?:[^A-Za-z0-9+/=\n]|$)'''
secret_group = 1
keywords = ['+ACR']
entropy = 4.0
tags = ["azure", "container-registry", "cloud"]
examples = [
  'docker login contoso.azurecr.io -u puller -p ZKrix52PUmjL7BY4UcZJfdAnGI8D3pqBvbb9nJRyZV+ACRAt+LyS',
  'ACR_PASSWORD="ZKrix52PUmjL7BY4UcZJfdAnGI8D3pqBvbb9nJRyZV+ACRAt+LyS"',
]
negative_examples = [
  'ACR_PASSWORD="ZKrix52PUmjL7BY4UcZJfdAnGI8D3pqBvbb9nJRyZV+A"',
  'ACR_PASSWORD=fwMC9U4t8xmUa7xk8yQJMENKa0MYjDDu5f7lwiKTI3+ACRZKEoEU',
]

[[rules]]
id = "alibaba-access-key-id"
description = 'Alibaba Cloud (Aliyun) AccessKey ID (LTAI + 12-20 characters)'
regex = '''\b(LTAI[A-Za-z0-9]{12,20})\b'''
secret_group = 1
keywords = ['LTAI']
entropy = 3.0
tags = ["alibaba", "aliyun", "cloud"]
examples = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI6DwVpGAuD98Qk3gjrTAL',
  '  access_key_id: "LTAIso1j6ZUSbHTgVehh"',
]
negative_examples = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxx',
  'ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5t2',
  'the Altai mountains',
]

[[rules]]
id = "alibaba-access-key-secret"
description = 'Alibaba Cloud (Aliyun) AccessKey secret (30 characters) assigned to an Alibaba / AccessKeySecret variable'
regex = '''(?i:(?:alibaba|aliyun|alicloud)[\w.-]{0,25}?secret|access[_.-]?key[_.-]?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{30})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['alibaba', 'aliyun', 'alicloud', 'accesskeysecret', 'access_key_secret', 'access-key-secret']
entropy = 3.5
confidence = "medium"
tags = ["alibaba", "aliyun", "cloud"]
examples = [
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET=hWnqPIe9YGyUcl39VkwN0oA6geZQle',
  '  "AccessKeySecret": "bAQGpaSb0o3bgMdikOxghjQs0XR1EI",',
]
negative_examples = [
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ALIYUN_SECRET}',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET=hWnqPIe9YGyUcl39VkwN',
]

[[rules]]
id = "tencent-cloud-secret-id"
description = 'Tencent Cloud API SecretId (AKID + 32 characters)'
regex = '''\b(AKID[A-Za-z0-9]{32})\b'''
secret_group = 1
keywords = ['AKID']
entropy = 3.5
tags = ["tencent", "cloud"]
examples = [
  'TENCENTCLOUD_SECRET_ID=AKIDj7MEaULDXxqVK3C2lOYC7s2EvPJ8BA8C',
  'secret_id = "AKIDZ0UuwOI3DeLDh9de2OwoZ6R94vQhrp6C"',
]
negative_examples = [
  'TENCENTCLOUD_SECRET_ID=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  'TENCENTCLOUD_SECRET_ID=AKIDj7MEaULDXxqVK3C2lOYC7s2EvPJ8',
]

[[rules]]
id = "tencent-cloud-secret-key"
description = 'Tencent Cloud API SecretKey (32 characters) assigned to a Tencent Cloud secret-key variable'
regex = '''(?i:(?:tencent|qcloud|tccli)[\w.-]{0,25}?secret[_.-]?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['tencent', 'qcloud', 'tccli']
entropy = 3.5
confidence = "medium"
tags = ["tencent", "cloud"]
examples = [
  'TENCENTCLOUD_SECRET_KEY=9KTA3nySM9mCYRvZ7swRK3M0WkWCzenv',
  'qcloud_secret_key: "TNSkW6904AnrrRlBTafD2ylLwwedr8DW"',
]
negative_examples = [
  'TENCENTCLOUD_SECRET_KEY=${TC_KEY}',
  'TENCENTCLOUD_SECRET_KEY=9KTA3nySM9mCYRvZ7swRK3M0WkWCzen',
]

[[rules]]
id = "ibm-cloud-api-key"
description = 'IBM Cloud IAM API key (44 characters) assigned to an IBM Cloud API-key variable'
regex = '''(?i:ibm[\w.-]{0,25}?api[_.-]?key|iam[_.-]?apikey)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9_-]{44})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['ibm', 'iam_apikey', 'iam-apikey', 'iamapikey']
entropy = 4.0
confidence = "medium"
tags = ["ibm", "cloud"]
examples = [
  'IBMCLOUD_API_KEY=AVL7GBBw35KGRBBt7fnXB1YtN_qmKJWvV0tyWlFIP6kW',
  '  "iam_apikey": "jg_XWgojL8cpOuCquSuD8dvnx9ZgEWVgMonlBs1R_lIB",',
]
negative_examples = [
  'IBMCLOUD_API_KEY=<your IBM Cloud API key>',
  'IBMCLOUD_API_KEY=AVL7GBBw35KGRBBt7fnXB1YtN_qmKJ',
]

[[rules]]
id = "ibm-cos-hmac-secret"
description = 'IBM Cloud Object Storage HMAC secret access key (48 hex) in cos_hmac_keys credentials'
regex = '''(?i:secret[_.-]?access[_.-]?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{48})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['secret_access_key', 'secretaccesskey', 'secret-access-key']
entropy = 3.0
confidence = "medium"
tags = ["ibm", "object-storage", "cloud"]
examples = [
  '    "secret_access_key": "31a4e11578d7d9a5b3e2d30d3867c7da08b7f8486517486f"',
  'COS_SECRET_ACCESS_KEY=3f87c3cc4c128287e7eb0278c9a45cc097b7608d63737010',
]
negative_examples = [
  '"secret_access_key": "31a4e11578d7d9a5b3e2d30d3867c7da08b7f848"',
  '"secret_access_key": "${COS_SECRET}"',
]

[[rules]]
id = "yandex-cloud-api-key"
description = 'Yandex Cloud API key (AQVN + 35-38 characters)'
regex = '''\b(AQVN[A-Za-z0-9_-]{35,38})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['AQVN']
entropy = 3.5
confidence = "medium"
tags = ["yandex", "cloud"]
examples = [
  'YC_API_KEY=AQVNrpFstN9iW8rNs9wp2DNRuGpVOsB8hUNC8aTJ',
  'Authorization: Api-Key AQVNrpFstN9iW8rNs9wp2DNRuGpVOsB8hUNC8aTJ',
]
negative_examples = [
  'YC_API_KEY=AQVNxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'YC_API_KEY=AQVNrpFstN9iW8rNs9wp',
]

"""#),
        (#"messaging.toml"#, #"""
# patterns/messaging.toml — email, SMS and push messaging credentials: Twilio, SendGrid, Mailgun,
# Mailchimp / Mandrill, Postmark, Brevo (Sendinblue), Mailjet, Vonage (Nexmo), SparkPost, Resend,
# MailerSend, Plivo, MessageBird, Pusher.
# Formats: provider API docs (SendGrid SG.<22>.<43>, Mailchimp <32 hex>-us<dc>, Brevo xkeysib-, Resend
# re_<8>_<24>, MailerSend mlsn.<64 hex>); prefix-less secrets require the provider's name nearby.

[[rules]]
id = "twilio-auth-token"
description = 'Twilio account auth token (32 hex) assigned to a Twilio token variable'
regex = '''(?i:twilio[\w.-]{0,20}?(?:auth[_.-]?)?token)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['twilio']
entropy = 3.0
confidence = "medium"
tags = ["twilio", "sms", "messaging"]
examples = [
  'TWILIO_AUTH_TOKEN=2b577d8cfab9c96fac8fe17cad6d502b',
  '  twilioAuthToken: "9eb082e2ab29c570bae5bfb957f62f14",',
  "TWILIO_TOKEN = '71d9f07a94c8910948115f0af9430808'",
]
negative_examples = [
  'TWILIO_AUTH_TOKEN=your_auth_token',
  'TWILIO_ACCOUNT_SID=AC2b577d8cfab9c96fac8fe17cad6d502b',
  'TWILIO_AUTH_TOKEN=2b577d8cfab9c96fac8fe17c',
]

[[rules]]
id = "twilio-api-key-secret"
description = 'Twilio API key secret (32 characters) assigned to a Twilio secret variable'
regex = '''(?i:twilio[\w.-]{0,20}?(?:api[_.-]?)?(?:key[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['twilio']
entropy = 3.5
confidence = "medium"
tags = ["twilio", "sms", "messaging"]
examples = [
  'TWILIO_API_SECRET=PwOz1GhPOTbZSS5orxnOqrfMKdGUUrBk',
  "const twilioApiKeySecret = 'ugiNLfiWkJGbnD66n9Svs1WYlXYaYYil'",
]
negative_examples = [
  'TWILIO_API_SECRET=${TWILIO_API_SECRET}',
  'TWILIO_API_SECRET=PwOz1GhPOTbZSS5orxnO',
]

[[rules]]
id = "twilio-api-key-sid"
description = 'Twilio API key SID (SK + 32 hex) assigned to a Twilio variable; identifies the key to revoke'
regex = '''(?i:twilio[\w.-]{0,30}?)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(SK[0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['twilio']
entropy = 3.0
confidence = "medium"
tags = ["twilio", "sms", "messaging"]
examples = [
  'TWILIO_API_KEY=SKf442434e34d9424373b64903c42e1000',
  "const twilioApiKeySID = 'SK3b375dd7a6e36e802e40d2490fb2375a'",
]
negative_examples = [
  'TWILIO_API_KEY=SK3f48426db6d40964c501',
  "api_key = 'SKf442434e34d9424373b64903c42e1000'",
]

[[rules]]
id = "twilio-basic-auth-credentials"
description = 'Twilio account SID and auth token embedded as basic-auth credentials in an api.twilio.com URL'
regex = '''\b(?:AC[0-9a-f]{32}):([0-9a-f]{32})@(?i:api\.twilio\.com)'''
secret_group = 1
keywords = ['api.twilio.com']
entropy = 3.0
tags = ["twilio", "sms", "messaging"]
examples = [
  'https://AC8c681c884955543bbfe1b7647035f01e:447502bff51cb734f27a569b0160b2d7@api.twilio.com/2010-04-01/Accounts/AC8c681c884955543bbfe1b7647035f01e/Messages.json',
]
negative_examples = [
  'https://AC8c681c884955543bbfe1b7647035f01e:$TWILIO_AUTH_TOKEN@api.twilio.com/2010-04-01/Accounts',
  'https://api.twilio.com/2010-04-01/Accounts/AC8c681c884955543bbfe1b7647035f01e',
]

[[rules]]
id = "sendgrid-api-key"
description = 'SendGrid API key (SG. + 22 + . + 43 characters)'
regex = '''\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['SG.']
entropy = 4.0
tags = ["sendgrid", "twilio", "email", "messaging"]
examples = [
  'SENDGRID_API_KEY=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',
  '''sg = sendgrid.SendGridAPIClient('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')''',
]
negative_examples = [
  'SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'SENDGRID_API_KEY=SG.MCUXJHUC1IUG3JMpbomRlN.0lS7',
  'msg.reply(text)',
]

[[rules]]
id = "mailgun-api-key-legacy"
description = 'Mailgun legacy private API key (key- + 32 hex)'
regex = '''\b(key-[0-9a-f]{32})\b'''
secret_group = 1
keywords = ['key-']
entropy = 3.0
confidence = "medium"
tags = ["mailgun", "email", "messaging"]
examples = [
  'MAILGUN_API_KEY=key-727c12781b7fa817db4bf4ceccb06e9e',
  '''requests.post(url, auth=('api', 'key-727c12781b7fa817db4bf4ceccb06e9e'))''',
]
negative_examples = [
  'MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'MAILGUN_PUBLIC_KEY=pubkey-727c12781b7fa817db4bf4ceccb06e9e',
  'primary-key-value',
]

[[rules]]
id = "mailgun-api-key"
description = 'Mailgun API key or webhook signing key (32 hex-8 hex-8 hex) assigned to a Mailgun variable'
regex = '''(?i:mailgun[\w.-]{0,20}?(?:api[_.-]?|signing[_.-]?|webhook[_.-]?)?(?:key|secret|token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?:[^A-Za-z0-9\n-]|$)'''
secret_group = 1
keywords = ['mailgun']
entropy = 3.0
confidence = "medium"
tags = ["mailgun", "email", "messaging"]
examples = [
  'MAILGUN_API_KEY=0fac4a848d7438c36238ba9d9fb97cb6-c4e3b951-2e6968a6',
  '  mailgun_signing_key: "8bcdac3a2a82a24e16c7297fc7ea4fdf-5a0944d9-48947e09"',
]
negative_examples = [
  'MAILGUN_API_KEY=${MAILGUN_API_KEY}',
  'MAILGUN_DOMAIN=0fac4a848d7438c36238ba9d9fb97cb6-c4e3b951-2e6968a6',
  'MAILGUN_API_KEY=0fac4a848d7438c36238ba9d9fb97cb6',
]

[[rules]]
id = "mailchimp-api-key"
description = 'Mailchimp Marketing API key (32 hex + -us<datacenter>)'
regex = '''\b([0-9a-f]{32}-us[0-9]{1,2})\b'''
secret_group = 1
keywords = ['-us1', '-us2', '-us3', '-us4', '-us5', '-us6', '-us7', '-us8', '-us9']
entropy = 3.0
tags = ["mailchimp", "email", "messaging"]
examples = [
  'MAILCHIMP_API_KEY=99919a638a928df7841dc02116c1ded1-us3',
  '''mailchimp.setConfig({ apiKey: '99919a638a928df7841dc02116c1ded1-us3', server: 'us6' });''',
]
negative_examples = [
  'MAILCHIMP_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us6',
  'MAILCHIMP_API_KEY=99919a638a928df7841d-us6',
  'Accept-Language: en-us',
]

[[rules]]
id = "mandrill-api-key"
description = 'Mandrill (Mailchimp Transactional) API key (22 characters) assigned to a Mandrill variable'
regex = '''(?i:mandrill[\w.-]{0,20}?(?:api[_.-]?)?(?:key|password|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9_-]{22})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['mandrill']
entropy = 3.5
confidence = "medium"
tags = ["mandrill", "mailchimp", "email", "messaging"]
examples = [
  'MANDRILL_API_KEY=dCizEKNVEJvED2oJf_UEyi',
  '  mandrill_key: "udEKBONj1bu1sQVh-mDcRf"',
]
negative_examples = [
  'MANDRILL_API_KEY=${MANDRILL_KEY}',
  'MANDRILL_API_KEY=dCizEKNVEJvED2o',
]

[[rules]]
id = "postmark-server-token"
description = 'Postmark server or account API token (UUID) assigned to a Postmark variable or X-Postmark-*-Token header'
regex = '''(?i:postmark[\w.-]{0,30}?(?:token|key))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^A-Za-z0-9\n-]|$)'''
secret_group = 1
keywords = ['postmark']
entropy = 3.0
confidence = "medium"
tags = ["postmark", "email", "messaging"]
examples = [
  'POSTMARK_SERVER_TOKEN=293bef16-0027-4c51-2827-e883eb64c86c',
  'X-Postmark-Server-Token: 8cd41ca5-50a5-f3cf-8426-65038b918e1e',
  '  postmarkApiKey: "293bef16-0027-4c51-2827-e883eb64c86c",',
]
negative_examples = [
  'X-Postmark-Server-Token: server token',
  'POSTMARK_API_TEST=POSTMARK_API_TEST',
  'POSTMARK_MESSAGE_ID=293bef16-0027-4c51-2827-e883eb64c86c',
]

[[rules]]
id = "brevo-api-key"
description = 'Brevo (Sendinblue) API key (xkeysib- + 64 hex + - + 16 characters)'
regex = '''\b(xkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16})\b'''
secret_group = 1
keywords = ['xkeysib-']
entropy = 3.0
tags = ["brevo", "sendinblue", "email", "messaging"]
examples = [
  'BREVO_API_KEY=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',
  'api-key: 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',
]
negative_examples = [
  'BREVO_API_KEY=xkeysib-xxxxxxxx',
  'BREVO_API_KEY=xkeysib-5683bfe64ca1e04a4ba405eb51250e604481d2e512f8880e8d596bac8e5abbf3-hJsw4d',
]

[[rules]]
id = "brevo-smtp-key"
description = 'Brevo (Sendinblue) SMTP key (xsmtpsib- + 64 hex + - + 16 characters)'
regex = '''\b(xsmtpsib-[0-9a-f]{64}-[A-Za-z0-9]{16})\b'''
secret_group = 1
keywords = ['xsmtpsib-']
entropy = 3.0
tags = ["brevo", "sendinblue", "email", "smtp", "messaging"]
examples = [
  'SMTP_PASSWORD=xsmtpsib-b0cabc05beeeb89cd1b56e92aeab0b197fe095b3f7a99f7f7c790280a218ec29-N9pvS0fE9160yfbZ',
  "  smtp_pass: 'xsmtpsib-b0cabc05beeeb89cd1b56e92aeab0b197fe095b3f7a99f7f7c790280a218ec29-N9pvS0fE9160yfbZ'",
]
negative_examples = [
  'SMTP_PASSWORD=xsmtpsib-...',
  'SMTP_PASSWORD=xsmtpsib-b0cabc05beeeb89cd1b56e92aeab0b197fe095b3f7a99f7f7c790280a218ec29-N9pvS0',
]

[[rules]]
id = "mailjet-api-secret"
description = 'Mailjet API secret key (32 hex) assigned to a Mailjet secret / MJ_APIKEY_PRIVATE variable'
regex = '''(?i:mailjet[\w.-]{0,20}?(?:secret|private)|mj_apikey_private|mj_(?:api_)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['mailjet', 'mj_apikey_private', 'mj_secret', 'mj_api_secret']
entropy = 3.0
confidence = "medium"
tags = ["mailjet", "email", "messaging"]
examples = [
  'MJ_APIKEY_PRIVATE=30281eda5f9e63eab3d8efe26a744330',
  '  mailjet_secret_key: "0af96259f9d45109fbd6260d0b8b059e"',
]
negative_examples = [
  'MJ_APIKEY_PRIVATE=${MJ_APIKEY_PRIVATE}',
  'MJ_APIKEY_PUBLIC=30281eda5f9e63eab3d8efe26a744330',
  'MJ_APIKEY_PRIVATE=30281eda5f9e63eab3d8',
]

[[rules]]
id = "vonage-api-secret"
description = 'Vonage (Nexmo) API secret (16 characters) assigned to a Vonage/Nexmo secret variable'
regex = '''(?i:(?:vonage|nexmo)[\w.-]{0,20}?(?:api[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{16})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['vonage', 'nexmo']
entropy = 3.2
confidence = "medium"
tags = ["vonage", "nexmo", "sms", "messaging"]
examples = [
  'VONAGE_API_SECRET=dvRTf5QE2v9RAm41',
  '  nexmo_api_secret: "Nkq5rsQJPzqqLVtT"',
]
negative_examples = [
  'VONAGE_API_SECRET=${VONAGE_API_SECRET}',
  'VONAGE_API_KEY=988f39a2',
  'VONAGE_API_SECRET=dvRTf5QE2v',
]

[[rules]]
id = "sparkpost-api-key"
description = 'SparkPost API key (40 hex) assigned to a SparkPost variable'
regex = '''(?i:sparkpost[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['sparkpost']
entropy = 3.0
confidence = "medium"
tags = ["sparkpost", "email", "messaging"]
examples = [
  'SPARKPOST_API_KEY=c675fc4146bd04624fd3c262fd5d5176bc818b08',
  "  sparkpost_key: '73ff733b0fba1c1f215108615ecb203466881d62'",
]
negative_examples = [
  'SPARKPOST_API_KEY=<key>',
  'SPARKPOST_API_KEY=c675fc4146bd04624fd3c262fd5d51',
]

[[rules]]
id = "resend-api-key"
description = 'Resend API key (re_ + 8 + _ + 24 characters)'
regex = '''\b(re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})\b'''
secret_group = 1
keywords = ['re_']
entropy = 3.5
tags = ["resend", "email", "messaging"]
examples = [
  'RESEND_API_KEY=re_JShiHQEJ_ldbC6cV0GabUdmXOXdEGD9BV',
  'const resend = new Resend("re_JShiHQEJ_ldbC6cV0GabUdmXOXdEGD9BV");',
]
negative_examples = [
  'RESEND_API_KEY=re_xxxxxxxxxxxxxxxxxxxxx',
  'RESEND_API_KEY=re_your_resend_api_key_here',
  'new Resend("re_webhook_verify_only")',
  'RESEND_API_KEY=re_JShiHQEJ_ldbC6cV0',
]

[[rules]]
id = "mailersend-api-token"
description = 'MailerSend API token (mlsn. + 64 hex)'
regex = '''\b(mlsn\.[0-9a-f]{64})\b'''
secret_group = 1
keywords = ['mlsn.']
entropy = 3.0
tags = ["mailersend", "email", "messaging"]
examples = [
  'MAILERSEND_API_KEY=mlsn.429dff6de1b3635cd9a599c163cf32d86e9d9f90ab14da20de970f0e4efa5cfe',
  'mailer = emails.NewEmail("mlsn.429dff6de1b3635cd9a599c163cf32d86e9d9f90ab14da20de970f0e4efa5cfe")',
]
negative_examples = [
  '"apiKey": "mlsn.xxxxxxxxxxxxxxxxxxxx"',
  '"token": "mlsn.abc123xyz"',
]

[[rules]]
id = "plivo-auth-token"
description = 'Plivo auth token (40 characters) assigned to a Plivo variable'
regex = '''(?i:plivo[\w.-]{0,20}?(?:auth[_.-]?)?(?:token|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{40})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['plivo']
entropy = 3.5
confidence = "medium"
tags = ["plivo", "sms", "messaging"]
examples = [
  'PLIVO_AUTH_TOKEN=AtlTmZXsPBK4bxt8o9x6WTmS7qnASh2jVFD02oT4',
  '  plivo_token: "oME88yNM7MSklCxxXefIRH9YQ5sEywPfpT4cOU9v"',
]
negative_examples = [
  'PLIVO_AUTH_TOKEN=${PLIVO_AUTH_TOKEN}',
  'PLIVO_AUTH_ID=MABNZ5CNJP38BQRS8SXJ',
  'PLIVO_AUTH_TOKEN=AtlTmZXsPBK4bxt8o9x6WTmS7qnASh',
]

[[rules]]
id = "messagebird-api-key"
description = 'MessageBird (Bird) access key (25 characters) assigned to a MessageBird variable'
regex = '''(?i:messagebird[\w.-]{0,20}?(?:access[_.-]?|api[_.-]?)?(?:key|token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{25})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['messagebird']
entropy = 3.5
confidence = "medium"
tags = ["messagebird", "sms", "messaging"]
examples = [
  'MESSAGEBIRD_ACCESS_KEY=9hQRV9IptybzRbIlWeUNgVrU6',
  "  messagebird_api_key: '3pMtGBm2bieC1BzuQ9HzjPjYc'",
]
negative_examples = [
  'MESSAGEBIRD_ACCESS_KEY=<live key>',
  'MESSAGEBIRD_ACCESS_KEY=9hQRV9IptybzRbIlWe',
]

[[rules]]
id = "pusher-app-secret"
description = 'Pusher Channels app secret (20 hex) assigned to a Pusher secret variable'
regex = '''(?i:pusher[\w.-]{0,20}?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{20})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['pusher']
entropy = 3.0
confidence = "medium"
tags = ["pusher", "realtime", "messaging"]
examples = [
  'PUSHER_APP_SECRET=309a2557c22f83c1acc0',
  "  pusher_secret: '1305ffba468a852af25e'",
]
negative_examples = [
  'PUSHER_APP_SECRET=${PUSHER_APP_SECRET}',
  'PUSHER_APP_KEY=309a2557c22f83c1acc0',
  'PUSHER_APP_SECRET=309a2557c22f',
]

"""#),
        (#"payments.toml"#, #"""
# patterns/payments.toml — payment provider credentials: Stripe, Square, Braintree, PayPal, Adyen,
# Plaid, Razorpay, Flutterwave, GoCardless, Paddle, Mollie.
# Formats: provider API-key documentation (Stripe sk_/rk_/whsec_, Square EAAA/sq0atp-/sq0csp-,
# Braintree access_token$production$…, Plaid access-<env>-<uuid>, Paddle pdl_<env>_apikey_…).

[[rules]]
id = "stripe-secret-key"
description = 'Stripe live secret API key (sk_live_)'
regex = '''\b(sk_live_[0-9A-Za-z]{24,247})\b'''
secret_group = 1
keywords = ['sk_live_']
entropy = 3.5
tags = ["stripe", "payments"]
examples = [
  'STRIPE_SECRET_KEY=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',
  "  stripe.api_key = 'sk_live_06tJTWMxOGXqN2EPcu4P3chX'",
  'curl https://api.stripe.com/v1/charges -u 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:',
]
negative_examples = [
  'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
  'STRIPE_SECRET_KEY=sk_live_...',
  'STRIPE_SECRET_KEY=sk_live_RNetWtw0xQiJ',
]

[[rules]]
id = "stripe-restricted-key"
description = 'Stripe live restricted API key (rk_live_)'
regex = '''\b(rk_live_[0-9A-Za-z]{24,247})\b'''
secret_group = 1
keywords = ['rk_live_']
entropy = 3.5
tags = ["stripe", "payments"]
examples = [
  'STRIPE_RESTRICTED_KEY=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',
  '  "stripeKey": "rk_live_aAWHuDKuGVwVuU1ECTkVd2ly",',
]
negative_examples = [
  'STRIPE_RESTRICTED_KEY=rk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
  'STRIPE_RESTRICTED_KEY=rk_live_neq3vYXndE',
]

[[rules]]
id = "stripe-test-key"
description = 'Stripe test-mode secret or restricted key (sk_test_ / rk_test_): no live data, but often a sign live keys are nearby'
regex = '''\b((?:sk|rk)_test_[0-9A-Za-z]{24,247})\b'''
secret_group = 1
keywords = ['sk_test_', 'rk_test_']
entropy = 3.5
confidence = "low"
tags = ["stripe", "payments", "test"]
examples = [
  'STRIPE_SECRET_KEY=sk_test_51YWS8H0bUhivpoija2GevUHdeQlYGGpKpXMvZN9BPZ8PrHSKu9yzNPwO4N0FmQT0KIp80X9zke7SXhhWnZqJMNknGWNMqrre4k',
  "stripe.api_key = 'rk_test_4maaKuslKVRzMwC3M3EAod3M'",
]
negative_examples = [
  'STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx',
  'STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dcEXAMPLE',
]

[[rules]]
id = "stripe-webhook-secret"
description = 'Stripe (or Svix-compatible) webhook signing secret (whsec_)'
regex = '''\b(whsec_[A-Za-z0-9+/]{32,88}={0,2})(?:[^A-Za-z0-9+/=\n]|$)'''
secret_group = 1
keywords = ['whsec_']
entropy = 3.5
tags = ["stripe", "payments", "webhook"]
examples = [
  'STRIPE_WEBHOOK_SECRET=whsec_wo5LOBlRp3zTw6bi43E19FSiPEF61JIn',
  '  webhookSecret: "whsec_f5b93bf703a100d221c462d582fe1b40277111afdc77082494af74ef8454c23c",',
]
negative_examples = [
  'STRIPE_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'STRIPE_WEBHOOK_SECRET=whsec_...',
  'STRIPE_WEBHOOK_SECRET=whsec_h66aT3PWTxTt1Km3Vfzh',
]

[[rules]]
id = "square-access-token"
description = 'Square access token (EAAA + 60 characters), production or sandbox'
regex = '''\b(EAAA[A-Za-z0-9_-]{60})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['EAAA']
entropy = 4.0
tags = ["square", "payments"]
examples = [
  'SQUARE_ACCESS_TOKEN=EAAAGLiHqAhSySNvLgcOUnZgp8_oi4jpHcqMkCSiNSLcAKsxVZg3gOdmNOMeo7Mq',
  'Authorization: Bearer EAAAGLiHqAhSySNvLgcOUnZgp8_oi4jpHcqMkCSiNSLcAKsxVZg3gOdmNOMeo7Mq',
]
negative_examples = [
  'SQUARE_ACCESS_TOKEN=EAAAGLiHqAhSySNvLgcOUnZgp8_oi4jpHcqMkCSi',
  'FACEBOOK_TOKEN=EAAAmwakMF1YChHegtJczHonWlO4iy9iUtOIfnTgTAFtiPzXSrA8LQceG3Brir58WVb1DHdvfLRULYV8IfQUSdRlyhDbNPyEQRQSWjs7BETaq10lf6oWkKRvyN70jboqO6wYxR4hnQdHEuLeQHaRnrh7a6paV2xhl1nodTlVd4ngGHQjcYHHzPLd',
  'SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
]

[[rules]]
id = "square-legacy-access-token"
description = 'Square legacy OAuth/personal access token (sq0atp-, sandbox sq0atb-)'
regex = '''\b((?:sandbox-)?sq0at[pb]-[0-9A-Za-z_-]{22})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['sq0atp-', 'sq0atb-']
entropy = 3.5
tags = ["square", "payments"]
examples = [
  '''var accessToken = 'sq0atp-R1oue-4_3Dfegyn2bn2cMQ';''',
  'SQUARE_TOKEN=sandbox-sq0atb-9FSV0INBopbDKgTHHj3BYG',
]
negative_examples = [
  'SQUARE_TOKEN=sq0atp-xxxxxxxxxxxxxxxxxxxxxx',
  'SQUARE_TOKEN=sq0atp-R1oue-4_',
]

[[rules]]
id = "square-oauth-secret"
description = 'Square OAuth application secret (sq0csp-, sandbox sq0csb-)'
regex = '''\b((?:sandbox-)?sq0cs[pb]-[0-9A-Za-z_-]{43})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['sq0csp-', 'sq0csb-']
entropy = 3.5
tags = ["square", "payments", "oauth"]
examples = [
  'app_secret: sq0csp-RFZK-lS4YcJS9KucjHA0whsDjpTgCZlAv5sP4gzLXUJ',
  'private String clientSecret = "sq0csp-RFZK-lS4YcJS9KucjHA0whsDjpTgCZlAv5sP4gzLXUJ";',
]
negative_examples = [
  'app_secret: sq0csp-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'app_secret: sq0csp-RFZK-lS4YcJS9KucjHA0whs',
]

[[rules]]
id = "braintree-access-token"
description = 'Braintree (PayPal) production access token (access_token$production$…$…)'
regex = '''\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b'''
secret_group = 1
keywords = ['access_token$production$']
entropy = 3.0
tags = ["braintree", "paypal", "payments"]
examples = [
  'BRAINTREE_ACCESS_TOKEN=access_token$production$hh0nvn3o3xs7y3gn$d62dbac35ddad793a2691a6c78235070',
  'gateway = braintree.BraintreeGateway(access_token="access_token$production$hh0nvn3o3xs7y3gn$d62dbac35ddad793a2691a6c78235070")',
]
negative_examples = [
  'BRAINTREE_ACCESS_TOKEN=access_token$production$xxxxxxxxxxxxxxxx$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'BRAINTREE_ACCESS_TOKEN=access_token$production$hh0nvn3o3xs7y3gn$d62dbac35ddad793a2691a6c78',
]

[[rules]]
id = "braintree-sandbox-access-token"
description = 'Braintree (PayPal) sandbox access token (access_token$sandbox$…)'
regex = '''\b(access_token\$sandbox\$[0-9a-z]{16}\$[0-9a-f]{32})\b'''
secret_group = 1
keywords = ['access_token$sandbox$']
entropy = 3.0
confidence = "low"
tags = ["braintree", "paypal", "payments", "test"]
examples = [
  'BRAINTREE_ACCESS_TOKEN=access_token$sandbox$xn5ewvmr5plg4ok7$86df354aa52b907e6e517fa4c7757110',
]
negative_examples = [
  'BRAINTREE_ACCESS_TOKEN=access_token$sandbox$xn5ewvmr5plg4ok7$86df354aa52b907e6e517fa4c7',
]

[[rules]]
id = "braintree-private-key"
description = 'Braintree API private key (32 hex) assigned to a Braintree private-key variable'
regex = '''(?i:braintree[\w.-]{0,20}?private[_.-]?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['braintree']
entropy = 3.0
confidence = "medium"
tags = ["braintree", "paypal", "payments"]
examples = [
  'BRAINTREE_PRIVATE_KEY=dd0dbf26ec3605ce2b725b27f3931af6',
  '  braintree_private_key: "56bf1b263c226711daf5240121475ea1"',
]
negative_examples = [
  'BRAINTREE_PRIVATE_KEY=${BT_KEY}',
  'BRAINTREE_PUBLIC_KEY=dd0dbf26ec3605ce2b725b27f3931af6',
  'BRAINTREE_PRIVATE_KEY=dd0dbf26ec3605ce2b72',
]

[[rules]]
id = "paypal-client-secret"
description = 'PayPal REST API client secret (80 characters starting with E) assigned to a PayPal secret variable'
regex = '''(?i:paypal[\w.-]{0,20}?(?:client[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(E[A-Za-z0-9_-]{79})(?:[^A-Za-z0-9_\n-]|$)'''
secret_group = 1
keywords = ['paypal']
entropy = 4.0
confidence = "medium"
tags = ["paypal", "payments"]
examples = [
  'PAYPAL_CLIENT_SECRET=E3soonke9alahEbDNNXJGU9i6GbPanEsiD9AdPBBpVZXrqLdrY3mLFlW5pIuSdH1S2GuJG_tV1dY3yyo',
  '  paypalSecret: "EEmTkTmkSrrofvlNcm67uvU91dauvR9fQGS1iEpBYNfLTtl4na9kpANsEerw0AehZwctE6cOF0bPFSqR",',
]
negative_examples = [
  'PAYPAL_CLIENT_SECRET=<your-client-secret>',
  'PAYPAL_CLIENT_ID=A3soonke9alahEbDNNXJGU9i6GbPanEsiD9AdPBBpVZXrqLdrY3mLFlW5pIuSdH1S2GuJG_tV1dY3yyo',
  'PAYPAL_CLIENT_SECRET=E3soonke9alahEbDNNXJGU9i6GbPanEsiD9AdPBBpVZXrqLdrY',
]

[[rules]]
id = "adyen-api-key"
description = 'Adyen API key (AQE…) assigned to an Adyen key variable'
regex = '''(?i:adyen[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(AQE[A-Za-z0-9+/=._;%{}<>-]{60,300})(?:[^A-Za-z0-9+/=._;%{}<>\n-]|$)'''
secret_group = 1
keywords = ['adyen']
entropy = 4.0
confidence = "medium"
tags = ["adyen", "payments"]
examples = [
  'ADYEN_API_KEY=AQEKibra2FThOdslxeFUwBXKc8TGEo9rPUYALCxLe2P/Mi56C1A9AYLP+x5XoiKCmkFCUJK+VU73QtRCHXjw==-RoB20gfQXATlgDrI7qQw+3zXLrFz10bKcRfDhlqGFzF=-EG8g2wO2ku7b',
  '  adyen_api_key: "AQEKibra2FThOdslxeFUwBXKc8TGEo9rPUYALCxLe2P/Mi56C1A9AYLP+x5XoiKCmkFCUJK+VU73QtRCHXjw==-RoB20gfQXATlgDrI7qQw+3zXLrFz10bKcRfDhlqGFzF=-EG8g2wO2ku7b"',
]
negative_examples = [
  'ADYEN_API_KEY=${ADYEN_API_KEY}',
  'ADYEN_API_KEY=AQE...',
  'ADYEN_CLIENT_KEY=live_d4VoyEB4HhREFqyg3pjwsmu5oWsgmKLC',
]

[[rules]]
id = "plaid-access-token"
description = 'Plaid access token for the production or development environment (access-<env>-<uuid>)'
regex = '''\b(access-(?:production|development)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b'''
secret_group = 1
keywords = ['access-production-', 'access-development-']
entropy = 3.0
tags = ["plaid", "payments", "banking"]
examples = [
  'PLAID_ACCESS_TOKEN=access-production-d5b36f68-9d6f-4400-a8d5-53148ed8c586',
  '  "access_token": "access-development-499fd5d2-02d0-e629-643a-49d478c68816",',
]
negative_examples = [
  'PLAID_ACCESS_TOKEN=access-production-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
  'PLAID_ACCESS_TOKEN=access-sandbox-16860bab-6de5-9a4c-9723-89c81d7a7790',
  'PLAID_ACCESS_TOKEN=access-production-d5b36f68-9d6f-4400-a8d5-53148ed8',
]

[[rules]]
id = "plaid-secret"
description = 'Plaid API secret (30 hex) assigned to a Plaid secret variable'
regex = '''(?i:plaid[\w.-]{0,20}?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{30})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['plaid']
entropy = 3.0
confidence = "medium"
tags = ["plaid", "payments", "banking"]
examples = [
  'PLAID_SECRET=483480d8b139902f4b003951f70e59',
  '  plaid_secret_production: "0ecf58bac6abdac3bf870134dcc2b8"',
]
negative_examples = [
  'PLAID_SECRET=${PLAID_SECRET}',
  'PLAID_CLIENT_ID=af2875fb1852be5ff8e2ab44',
  'PLAID_SECRET=483480d8b139902f4b003951',
]

[[rules]]
id = "razorpay-live-key-id"
description = 'Razorpay live API key id (rzp_live_): identifies a live key pair; its secret is usually nearby'
regex = '''\b(rzp_live_[A-Za-z0-9]{14})\b'''
secret_group = 1
keywords = ['rzp_live_']
entropy = 3.0
confidence = "medium"
tags = ["razorpay", "payments"]
examples = [
  'RAZORPAY_KEY_ID=rzp_live_0SFZiaTzCg51CE',
  '''  key: 'rzp_live_0SFZiaTzCg51CE',''',
]
negative_examples = [
  'RAZORPAY_KEY_ID=rzp_live_xxxxxxxxxxxxxx',
  'RAZORPAY_KEY_ID=rzp_test_r2Qn6AWUhNfd4J',
]

[[rules]]
id = "razorpay-key-secret"
description = 'Razorpay API key secret (24 characters) assigned to a Razorpay secret variable'
regex = '''(?i:razorpay[\w.-]{0,20}?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{24})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['razorpay']
entropy = 3.5
confidence = "medium"
tags = ["razorpay", "payments"]
examples = [
  'RAZORPAY_KEY_SECRET=AhD3BeKVKivpP39EJsHuRiCw',
  '  razorpaySecret: "XTJsvhP2n95Ca6yEjRIszC3z",',
]
negative_examples = [
  'RAZORPAY_KEY_SECRET=${RAZORPAY_SECRET}',
  'RAZORPAY_KEY_SECRET=AhD3BeKVKivpP39E',
]

[[rules]]
id = "flutterwave-secret-key"
description = 'Flutterwave live secret key (FLWSECK-<32 hex>-X)'
regex = '''\b(FLWSECK-[0-9a-f]{32}-X)\b'''
secret_group = 1
keywords = ['FLWSECK-']
entropy = 3.0
tags = ["flutterwave", "payments"]
examples = [
  'FLW_SECRET_KEY=FLWSECK-89ec70499a695e369e72d39ed3a2123d-X',
  '  secretKey: "FLWSECK-89ec70499a695e369e72d39ed3a2123d-X",',
]
negative_examples = [
  'FLW_SECRET_KEY=FLWSECK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X',
  'FLW_PUBLIC_KEY=FLWPUBK-d573372ebdd107199bbfe95ac3509ed3-X',
]

[[rules]]
id = "flutterwave-test-secret-key"
description = 'Flutterwave test-mode secret key (FLWSECK_TEST-<32 hex>-X)'
regex = '''\b(FLWSECK_TEST-[0-9a-f]{32}-X)\b'''
secret_group = 1
keywords = ['FLWSECK_TEST-']
entropy = 3.0
confidence = "low"
tags = ["flutterwave", "payments", "test"]
examples = [
  'FLW_SECRET_KEY=FLWSECK_TEST-106b1aac3ada3559d5bc020e66dd0fdc-X',
]
negative_examples = [
  'FLW_SECRET_KEY=FLWSECK_TEST-106b1aac3ada3559d5bc020e66dd',
]

[[rules]]
id = "gocardless-access-token"
description = 'GoCardless live access token (live_ + 40 characters) assigned to a GoCardless variable'
regex = '''(?i:gocardless[\w.-]{0,20}?(?:access[_.-]?)?token)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(live_[A-Za-z0-9_=-]{40})(?:[^A-Za-z0-9_=\n-]|$)'''
secret_group = 1
keywords = ['gocardless']
entropy = 4.0
confidence = "medium"
tags = ["gocardless", "payments"]
examples = [
  'GOCARDLESS_ACCESS_TOKEN=live_z_K2kh4t7gNFs3ncXm82jf7CVegJEd2kewsuZGTI',
  '  gocardless_token: "live_z_K2kh4t7gNFs3ncXm82jf7CVegJEd2kewsuZGTI"',
]
negative_examples = [
  'GOCARDLESS_ACCESS_TOKEN=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'GOCARDLESS_ACCESS_TOKEN=sandbox_hKxirb2XT4FQrmCdA7MHHPjXRjIylD6yqSy46Q9x',
]

[[rules]]
id = "paddle-api-key"
description = 'Paddle Billing live API key (pdl_live_apikey_ + ULID + _ + 22 + _ + 3 characters)'
regex = '''\b(pdl_live_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})\b'''
secret_group = 1
keywords = ['pdl_live_apikey_']
entropy = 3.5
tags = ["paddle", "payments"]
examples = [
  'PADDLE_API_KEY=pdl_live_apikey_01lzvt2wl7lck8gexp15bpqyh3_60R8YrplpafBCvig5iL5CF_bd1',
  '  "ApiKey": "pdl_live_apikey_01lzvt2wl7lck8gexp15bpqyh3_60R8YrplpafBCvig5iL5CF_bd1",',
]
negative_examples = [
  'PADDLE_API_KEY=pdl_live_apikey_test_fixture',
  'PADDLE_API_KEY=pdl_live_apikey_...',
  'PADDLE_API_KEY=pdl_sdbx_apikey_01lzvt2wl7lck8gexp15bpqyh3_60R8YrplpafBCvig5iL5CF_bd1',
]

[[rules]]
id = "mollie-api-key"
description = 'Mollie live API key (live_ + 30 characters) assigned to a Mollie variable'
regex = '''(?i:mollie[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(live_[A-Za-z0-9]{30})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['mollie']
entropy = 3.5
confidence = "medium"
tags = ["mollie", "payments"]
examples = [
  'MOLLIE_API_KEY=live_HY59sDRZ3OVETgd4VzqISfzb4fty4y',
  "  mollie_key: 'live_HY59sDRZ3OVETgd4VzqISfzb4fty4y'",
]
negative_examples = [
  'MOLLIE_API_KEY=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'MOLLIE_API_KEY=test_6e8fA7olazAvwELJmd6k7sQe51TPm9',
]

"""#),
        (#"vcs.toml"#, #"""
# patterns/vcs.toml — source hosting and CI tokens: GitHub, GitLab, Bitbucket, Gitea / Forgejo.
# Formats: GitHub token-format blog post (prefix + 30 random base62 + 6-char base62 CRC32), GitLab
# "token prefixes" table and routable-token generator, Atlassian token checksums (CRC32 suffix).

[[rules]]
id = "github-pat"
description = 'GitHub personal access token (classic) (ghp_ + 30 random base62 characters + 6-character CRC32 checksum)'
regex = '''\b(ghp_[A-Za-z0-9]{36})\b'''
secret_group = 1
keywords = ['ghp_']
entropy = 3.0
validate = "github-crc32"
tags = ["github", "vcs"]
examples = [
  'GITHUB_TOKEN=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',
  '  "token": "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",',
  'git clone https://x-access-token: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@github.com/acme/app.git',
]
negative_examples = [
  'GITHUB_TOKEN=ghp_PpqmsSmMjjGYrXWDW2GvIBP3U1OY4H3ySyDA',
  'GITHUB_TOKEN=ghp_9TJ47aWA2rZ7VzykJyWOH3g5aOGWlA3SK4',
  'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'GITHUB_TOKEN=my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',
]

[[rules]]
id = "github-oauth-token"
description = 'GitHub OAuth app access token (gho_ + 30 random base62 characters + 6-character CRC32 checksum)'
regex = '''\b(gho_[A-Za-z0-9]{36})\b'''
secret_group = 1
keywords = ['gho_']
entropy = 3.0
validate = "github-crc32"
tags = ["github", "vcs"]
examples = [
  'GITHUB_TOKEN=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',
  '  "token": "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",',
  'git clone https://x-access-token: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@github.com/acme/app.git',
]
negative_examples = [
  'GITHUB_TOKEN=gho_uWQKplbLAiR0unWBi93rmGOlIAtzn31OuCqA',
  'GITHUB_TOKEN=gho_ZknSOJjQJMmC5IZtCeXOXWzgdRH2Sh0Noz',
  'GITHUB_TOKEN=gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'GITHUB_TOKEN=my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',
]

[[rules]]
id = "github-user-to-server-token"
description = 'GitHub App user-to-server (user access) token (ghu_ + 30 random base62 characters + 6-character CRC32 checksum)'
regex = '''\b(ghu_[A-Za-z0-9]{36})\b'''
secret_group = 1
keywords = ['ghu_']
entropy = 3.0
validate = "github-crc32"
tags = ["github", "vcs"]
examples = [
  'GITHUB_TOKEN=ghu_Fp1wuM4MHr1P0BOl6KP4yxN3ZLKxbi3JksGN',
  '  "token": "ghu_aOE8Q19fioVHjOFu36k91Dlb71q0Yy2H2Oy7",',
  'git clone https://x-access-token:ghu_kPUR5zhzzq3hgJNRrvRtgqlUZh1MX43Iuj6e@github.com/acme/app.git',
]
negative_examples = [
  'GITHUB_TOKEN=ghu_bm0nm3AosI0GZGUkczdAVG2G8dwWG51zjESA',
  'GITHUB_TOKEN=ghu_Fp1wuM4MHr1P0BOl6KP4yxN3ZLKxbi3Jks',
  'GITHUB_TOKEN=ghu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'GITHUB_TOKEN=myghu_Fp1wuM4MHr1P0BOl6KP4yxN3ZLKxbi3JksGN',
]

[[rules]]
id = "github-app-installation-token"
description = 'GitHub App installation (server-to-server) token (ghs_ + 30 random base62 characters + 6-character CRC32 checksum)'
regex = '''\b(ghs_[A-Za-z0-9]{36})\b'''
secret_group = 1
keywords = ['ghs_']
entropy = 3.0
validate = "github-crc32"
tags = ["github", "vcs"]
examples = [
  'GITHUB_TOKEN=ghs_GFyEOHJOhWKrkpUEHWjvHUds1h7Y3y1p5ueQ',
  '  "token": "ghs_tw1l6vEZkkkYl3UU1l5uticP6gEFr12EmlXy",',
  'git clone https://x-access-token:ghs_u7B7WkwXISPDaHHUJhjd2scXnetcSz4N8QhF@github.com/acme/app.git',
]
negative_examples = [
  'GITHUB_TOKEN=ghs_5O41TV6P0SUxEZ4lHXvUanM5k7eEV82VVKlA',
  'GITHUB_TOKEN=ghs_GFyEOHJOhWKrkpUEHWjvHUds1h7Y3y1p5u',
  'GITHUB_TOKEN=ghs_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'GITHUB_TOKEN=myghs_GFyEOHJOhWKrkpUEHWjvHUds1h7Y3y1p5ueQ',
]

[[rules]]
id = "github-refresh-token"
description = 'GitHub App user refresh token (ghr_ + 76 characters)'
regex = '''\b(ghr_[A-Za-z0-9]{36}(?:[A-Za-z0-9]{40})?)\b'''
secret_group = 1
keywords = ['ghr_']
entropy = 3.5
tags = ["github", "vcs"]
examples = [
  '  "refresh_token": "ghr_yeCSNs83ebyd1egOH5hojrn0yKz6umpKLiU5xGVyKUu4Im1gJJdMgqi66M45VppYv7QLil03s4ZJ",',
  'GITHUB_REFRESH_TOKEN=ghr_vIdoAcLr75CYww8WWYd3ND9u78Bcs9jri6XquamMG7m4sBM6BUMD5K0XdRtgfLWxHXU428g51rHZ',
]
negative_examples = [
  'refresh_token=ghr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'refresh_token=ghr_yeCSNs83ebyd1egOH5hojrn0yKz6umpKLiU5xGVyKUu4Im1gJJdMgqi6',
  'refresh_token=ghr_yeCSNs83ebyd1egOH5hojrn0yKz6umpKLiU5xGVyKUu4Im1gJJdMgqi66M45VppYv7QLil03s4ZJZ',
]

[[rules]]
id = "github-fine-grained-pat"
description = 'GitHub fine-grained personal access token (github_pat_ + 22 + _ + 59 characters)'
regex = '''\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b'''
secret_group = 1
keywords = ['github_pat_']
entropy = 3.5
tags = ["github", "vcs"]
examples = [
  'GH_TOKEN=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',
  "  github-token: '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'",
]
negative_examples = [
  'GH_TOKEN=github_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'GH_TOKEN=github_pat_cwqIT1cA1P7Idg7EmPcv2m_nzBiiNRwVftNrQHMFtqQnQLI0ALbH5ndfETGJApbJVNwBgisr68ffg',
  'GH_TOKEN=github_pat_${{ secrets.PAT }}',
]

[[rules]]
id = "github-legacy-token"
description = 'GitHub legacy 40-hex token or OAuth client secret assigned to a GitHub token/secret variable'
regex = '''(?i:github[\w.-]{0,20}?(?:token|pat|secret|oauth|api[_.-]?key|password))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['github']
entropy = 3.0
confidence = "medium"
tags = ["github", "vcs"]
examples = [
  'GITHUB_TOKEN=334a8a4f248cf8f8eca0acd5bc62f0cfd3208939',
  'github_client_secret: "32ef2875a59a1a2b8f32f06d3026ba2ff4e4bae2"',
  "  githubToken = 'ab70fcf71156cfbb204910e63f10121d3457f362'",
]
negative_examples = [
  'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}',
  'GITHUB_SHA=334a8a4f248cf8f8eca0acd5bc62f0cfd3208939',
  'GITHUB_TOKEN=334a8a4f248cf8f8eca0acd5bc62f0cf',
]

[[rules]]
id = "gitlab-pat"
description = 'GitLab personal, project or group access token (glpat-; legacy 20-character or routable format)'
regex = '''\b(glpat-(?:[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glpat-']
entropy = 3.0
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=glpat-oW_ivCzXfJKHJG_kYVvB',
  '  token: "glpat-O4vZV13EFew12TTnrWwn"',
  'export GITLAB_TOKEN=glpat-bzphdgp1Ojhka23BJ2-yd101Jhc_OZy8caIVEA.01.120bxfuw8',
]
negative_examples = [
  'GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=glpat-oW_ivCzXfJ',
  'GITLAB_TOKEN=glpat-oW_ivCzXfJKHJG_kYVvBT0x',
]

[[rules]]
id = "gitlab-deploy-token"
description = 'GitLab deploy token (gldt-)'
regex = '''\b(gldt-(?:[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['gldt-']
entropy = 3.0
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=gldt-ncYxQp_As5SiSoGCTRTP',
  '  token: "gldt-9QBCZtTmZRgn2lxsDjGX"',
  'export GITLAB_TOKEN=gldt-bzo3Zgp1OmQ4ZWqOGdYvjwy8ycaG40mZV99wEA.01.121ixwneq',
]
negative_examples = [
  'GITLAB_TOKEN=gldt-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=gldt-ncYxQp_As5',
  'GITLAB_TOKEN=gldt-ncYxQp_As5SiSoGCTRTPK0B',
]

[[rules]]
id = "gitlab-runner-auth-token"
description = 'GitLab runner authentication token (glrt-; legacy or routable format)'
regex = '''\b(glrt-(?:[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glrt-']
entropy = 3.0
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=glrt-9hrY8VBSTgLtOtKRIoyE',
  '  token: "glrt-BGMSsKL_VPI3YsR-nAqZ"',
  'export GITLAB_TOKEN=glrt-bzpnZgp1OjhnbWxV1IlF_cvSzF3zIQoKXfm7EA.01.121vyy8ou',
]
negative_examples = [
  'GITLAB_TOKEN=glrt-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=glrt-9hrY8VBSTg',
  'GITLAB_TOKEN=glrt-9hrY8VBSTgLtOtKRIoyEUoY',
]

[[rules]]
id = "gitlab-feed-token"
description = 'GitLab feed token (glft-)'
regex = '''\b(glft-(?:[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glft-']
entropy = 3.0
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=glft-iyxDncbjq0PDVDAcYs8H',
  '  token: "glft-dwJ3ly0Eaux_VvxUpekl"',
  'export GITLAB_TOKEN=glft-bzpkMAp1OjNkdXZtoU7cfRyBlPsv0mq_7fEPEA.01.121typ0al',
]
negative_examples = [
  'GITLAB_TOKEN=glft-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=glft-iyxDncbjq0',
  'GITLAB_TOKEN=glft-iyxDncbjq0PDVDAcYs8HN5f',
]

[[rules]]
id = "gitlab-pipeline-trigger-token"
description = 'GitLab pipeline trigger token (glptt- + 40 hex)'
regex = '''\b(glptt-(?:[0-9a-f]{40}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glptt-']
entropy = 3.0
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=glptt-f7007f999ad08cebf0f9dbed725f457a7052562c',
  '  token: "glptt-a4f0185b61f3f5ae4010b1f14d525130ab1a5313"',
]
negative_examples = [
  'GITLAB_TOKEN=glptt-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=glptt-f7007f999a',
  'GITLAB_TOKEN=glptt-f7007f999ad08cebf0f9dbed725f457a7052562cIhe',
]

[[rules]]
id = "gitlab-incoming-mail-token"
description = 'GitLab incoming email token (glimt-)'
regex = '''\b(glimt-(?:[0-9A-Za-z_-]{25}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glimt-']
entropy = 3.0
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=glimt-kGHWh-eV2t6_JBNXjX_cX-1Wn',
  '  token: "glimt-UN3ucRQWiPza1Rz-bi9Xy2crH"',
]
negative_examples = [
  'GITLAB_TOKEN=glimt-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=glimt-kGHWh-eV2t',
  'GITLAB_TOKEN=glimt-kGHWh-eV2t6_JBNXjX_cX-1WnUvn',
]

[[rules]]
id = "gitlab-agent-token"
description = 'GitLab agent for Kubernetes token (glagent-)'
regex = '''\b(glagent-(?:[0-9A-Za-z_-]{50}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glagent-']
entropy = 3.5
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=glagent-NqL-qv34R92z7D5tYheo_5DoVKa6A1RpQe9lH46jnQMUu2sefB',
  '  token: "glagent-K88IwygUzQljeDOCEeU6Gjnt6CeiTLlZp6AnfNjsG-FErok_Qz"',
]
negative_examples = [
  'GITLAB_TOKEN=glagent-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=glagent-NqL-qv34R9',
  'GITLAB_TOKEN=glagent-NqL-qv34R92z7D5tYheo_5DoVKa6A1RpQe9lH46jnQMUu2sefB5WD',
]

[[rules]]
id = "gitlab-oauth-app-secret"
description = 'GitLab OAuth application secret (gloas-)'
regex = '''\b(gloas-(?:[0-9A-Za-z_-]{64}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['gloas-']
entropy = 3.5
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=gloas-E8svRjBiQ3E8Kd-5VYsjQW08HhS5y15L7WxpDc5PcHmNkANwmKzlJEBkPkFqI_VF',
  '  token: "gloas-yHUR21UfQrQ_jDZWSEQQTNcTvAOgdY1pRukz-K4bR5YPk25FYnC4TMhR_EJ3xMAz"',
]
negative_examples = [
  'GITLAB_TOKEN=gloas-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=gloas-E8svRjBiQ3',
  'GITLAB_TOKEN=gloas-E8svRjBiQ3E8Kd-5VYsjQW08HhS5y15L7WxpDc5PcHmNkANwmKzlJEBkPkFqI_VFVI6',
]

[[rules]]
id = "gitlab-scim-token"
description = 'GitLab SCIM OAuth token (glsoat-)'
regex = '''\b(glsoat-(?:[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glsoat-']
entropy = 3.0
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=glsoat-P3H8BgKkti4qkUS9vcXI',
  '  token: "glsoat-7w24tXLXiJI3a8TeMJNx"',
]
negative_examples = [
  'GITLAB_TOKEN=glsoat-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=glsoat-P3H8BgKkti',
  'GITLAB_TOKEN=glsoat-P3H8BgKkti4qkUS9vcXIqSr',
]

[[rules]]
id = "gitlab-feature-flag-client-token"
description = 'GitLab feature flags client token (glffct-)'
regex = '''\b(glffct-(?:[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glffct-']
entropy = 3.0
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=glffct-0nf06yxD2739_sMz9Sxp',
  '  token: "glffct-VXy3Eu6UHNyVfnY9oNHt"',
]
negative_examples = [
  'GITLAB_TOKEN=glffct-xxxxxxxxxxxxxxxxxxxx',
  'GITLAB_TOKEN=glffct-0nf06yxD27',
  'GITLAB_TOKEN=glffct-0nf06yxD2739_sMz9SxpttR',
]

[[rules]]
id = "gitlab-cicd-job-token"
description = 'GitLab CI/CD job token (glcbt-)'
regex = '''\b(glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['glcbt-']
entropy = 3.0
tags = ["gitlab", "vcs", "ci"]
examples = [
  'CI_JOB_TOKEN=glcbt-65_t4mpXPc3MZFFEcaRzwKQ',
  '''curl --header 'JOB-TOKEN: glcbt-65_t4mpXPc3MZFFEcaRzwKQ' https://gitlab.com/api/v4/jobs''',
]
negative_examples = [
  'CI_JOB_TOKEN=glcbt-64_xxxxxxxxxxxxxxxxxxxx',
  'CI_JOB_TOKEN=glcbt-65_t4mpXP',
]

[[rules]]
id = "gitlab-runner-registration-token"
description = 'GitLab runner registration token (legacy, GR1348941 prefix)'
regex = '''\b(GR1348941[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['GR1348941']
entropy = 3.0
tags = ["gitlab", "vcs", "ci"]
examples = [
  'gitlab-runner register --url https://gitlab.com/ --registration-token "GR1348941KzZetB-nbVLIuoBEe26C"',
  'REGISTRATION_TOKEN=GR13489413IihKJFrhkeL7sytzhTd',
]
negative_examples = [
  'REGISTRATION_TOKEN=GR1348941XXXXXXXXXXXXXXXXXXXX',
  'REGISTRATION_TOKEN=GR134894112312312312312312312',
  'REGISTRATION_TOKEN=GR1348941KzZetB-nbVL',
]

[[rules]]
id = "gitlab-session-cookie"
description = 'GitLab session cookie (_gitlab_session=)'
regex = '''(?i:_gitlab_session)=([0-9a-z]{32})(?:[^0-9A-Za-z\n]|$)'''
secret_group = 1
keywords = ['_gitlab_session=']
entropy = 3.5
confidence = "medium"
tags = ["gitlab", "vcs", "session"]
examples = [
  'Cookie: _gitlab_session=bykyag7ka4yi87idexd4mwig8qynv8a2; event_filter=all',
  '''curl -b '_gitlab_session=syrwpargo6l7416fsos3fpwp024bn1vt' https://gitlab.example.com/''',
]
negative_examples = [
  'Cookie: _gitlab_session=<session>',
  'Cookie: _gitlab_session=bykyag7ka4yi87idexd4',
]

[[rules]]
id = "gitlab-legacy-token"
description = 'GitLab unprefixed 20-character access token assigned to a GitLab token variable (pre-glpat- tokens or instances without token prefix)'
regex = '''(?i:gitlab[\w.-]{0,20}?(?:token|pat|private[_.-]?token|password))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_\n-]|$)'''
secret_group = 1
keywords = ['gitlab']
entropy = 3.5
confidence = "medium"
tags = ["gitlab", "vcs"]
examples = [
  'GITLAB_TOKEN=ht5p-VPdxQlq6gu1XfA7',
  'gitlab_private_token: "eOMWyJm_xSJD92qtOxwa"',
]
negative_examples = [
  'GITLAB_TOKEN=$CI_JOB_TOKEN',
  'GITLAB_TOKEN=glpat-ht5p-VPdxQlq6gu1XfA7',
  'GITLAB_PROJECT=ht5p-VPdxQlq6gu1XfA7',
]

[[rules]]
id = "bitbucket-app-password"
description = 'Bitbucket app password / API token (ATBB + 24 characters + 8-hex CRC32 checksum)'
regex = '''\b(ATBB[A-Za-z0-9]{24}[0-9A-F]{8})\b'''
secret_group = 1
keywords = ['ATBB']
entropy = 3.5
tags = ["bitbucket", "atlassian", "vcs"]
examples = [
  'BITBUCKET_APP_PASSWORD = "ATBBzgiQAWSuaCh8FV2GZGZzffX05A6A1ECF"',
  'git clone https://deploy:ATBBcHnHRGpz9GJE6vphtWPV7wBG0012765B@bitbucket.org/acme/app.git',
]
negative_examples = [
  'BITBUCKET_APP_PASSWORD = "ATBBsb7A"',
  'BITBUCKET_APP_PASSWORD = "ATBBzgiQAWSuaCh8FV2GZGZzffX0yosxzzdr"',
  'BITBUCKET_APP_PASSWORD = "ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
]

[[rules]]
id = "bitbucket-access-token"
description = 'Bitbucket repository / project / workspace access token (ATCTT3xFfGN0 + base64url + = + 8-hex CRC32)'
regex = '''\b(ATCTT3xFfGN0[A-Za-z0-9_-]{100,300}=[0-9A-F]{8})(?:[^A-Za-z0-9_=\n-]|$)'''
secret_group = 1
keywords = ['ATCTT3xFfGN0']
entropy = 4.0
tags = ["bitbucket", "atlassian", "vcs"]
examples = [
  'BITBUCKET_TOKEN="ATCTT3xFfGN0glm-mOCSFN8ZrJV1m75OJEYfYsODuyiaczTJlC2ZF2gsEH9yciP_I6hNHWAQ8pYJiZPFs7_iCB0IWWi8WTlMMjYyRc7FhpG3brJrZWlmR1Q8Z6RsHkxSdJXzolD_b5OTGR_DjtvSPx1CNyfOXTEAOD-wLX2-B-WDHLPPF0U22BP=15A359F1"',
  'Authorization: Bearer ATCTT3xFfGN0glm-mOCSFN8ZrJV1m75OJEYfYsODuyiaczTJlC2ZF2gsEH9yciP_I6hNHWAQ8pYJiZPFs7_iCB0IWWi8WTlMMjYyRc7FhpG3brJrZWlmR1Q8Z6RsHkxSdJXzolD_b5OTGR_DjtvSPx1CNyfOXTEAOD-wLX2-B-WDHLPPF0U22BP=15A359F1',
  'git clone https://x-token-auth:ATCTT3xFfGN0glm-mOCSFN8ZrJV1m75OJEYfYsODuyiaczTJlC2ZF2gsEH9yciP_I6hNHWAQ8pYJiZPFs7_iCB0IWWi8WTlMMjYyRc7FhpG3brJrZWlmR1Q8Z6RsHkxSdJXzolD_b5OTGR_DjtvSPx1CNyfOXTEAOD-wLX2-B-WDHLPPF0U22BP=15A359F1@bitbucket.org/acme/app.git',
]
negative_examples = [
  'BITBUCKET_TOKEN="ATCTT3xFfGN0..."',
  'BITBUCKET_TOKEN="ATCTT3xFfGN0glm-mOCSFN8ZrJV1m75OJEYfYsODuyiaczTJlC2ZF2gsEH9yciP_I6hNHWAQ8pYJiZPF"',
]

[[rules]]
id = "bitbucket-oauth-secret"
description = 'Bitbucket OAuth consumer secret (32 characters) assigned to a Bitbucket secret variable'
regex = '''(?i:bitbucket[\w.-]{0,20}?(?:client[_.-]?|consumer[_.-]?|oauth[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['bitbucket']
entropy = 3.5
confidence = "medium"
tags = ["bitbucket", "atlassian", "vcs"]
examples = [
  'BITBUCKET_CLIENT_SECRET=LXUJmKKK8bWiHYGYNtGb0kWpLZt1kzmX',
  '  bitbucket_oauth_secret: "w94YO5R85sxJtv2gud8SaIcsZxIj3iUc"',
]
negative_examples = [
  'BITBUCKET_CLIENT_SECRET=${BB_SECRET}',
  'BITBUCKET_CLIENT_ID=LXUJmKKK8bWiHYGYNtGb0kWpLZt1kzmX',
  'BITBUCKET_CLIENT_SECRET=LXUJmKKK8bWiHYGYNtGb',
]

[[rules]]
id = "bitbucket-app-password-legacy"
description = 'Bitbucket legacy 20-character app password assigned to a Bitbucket password variable'
regex = '''(?i:bitbucket[\w.-]{0,20}?(?:app[_.-]?)?password)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{20})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['bitbucket']
entropy = 3.5
confidence = "medium"
tags = ["bitbucket", "atlassian", "vcs"]
examples = [
  'BITBUCKET_APP_PASSWORD=WepusYNbvz6D0mJMloS0',
  'bitbucket_password: "pvwcztacXlNTXJRZRHeS"',
]
negative_examples = [
  'BITBUCKET_APP_PASSWORD=$BB_PASS',
  'BITBUCKET_APP_PASSWORD=WepusYNbvz6D',
  'BITBUCKET_USER=WepusYNbvz6D0mJMloS0',
]

[[rules]]
id = "gitea-access-token"
description = 'Gitea / Forgejo / Codeberg access token (40 hex) assigned to a Gitea/Forgejo token variable'
regex = '''(?i:(?:gitea|forgejo|codeberg)[\w.-]{0,20}?(?:token|pat|password|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)'''
secret_group = 1
keywords = ['gitea', 'forgejo', 'codeberg']
entropy = 3.0
confidence = "medium"
tags = ["gitea", "forgejo", "vcs"]
examples = [
  'GITEA_TOKEN=3b6f36c462645239c20e8eddd556e012295cd8c1',
  '  forgejo_token: "a843789bbb4f77ff02134a98e49c90a75681c17c"',
]
negative_examples = [
  'GITEA_TOKEN=${{ secrets.GITEA_TOKEN }}',
  'GITEA_COMMIT=3b6f36c462645239c20e8eddd556e012295cd8c1',
  'GITEA_TOKEN=3b6f36c462645239c20e8eddd556e0',
]

"""#),
    ]

    static func makeRules() -> [Rule] {
        var rules: [Rule] = []
        rules.append(
            Rule(
                id: #"openai-api-key"#,
                description: #"OpenAI API key (sk-, sk-proj-, sk-svcacct-, sk-admin-; contains the T3BlbkFJ marker)"#,
                regex: #"\b(sk-[A-Za-z0-9_-]{20,120}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"t3blbkfj"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"openai"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 6, column: 1))
        )
        rules.append(
            Rule(
                id: #"anthropic-api-key"#,
                description: #"Anthropic API key (sk-ant-api03- + 93 characters + AA)"#,
                regex: #"\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"sk-ant-api03-"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"anthropic"#, #"claude"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 26, column: 1))
        )
        rules.append(
            Rule(
                id: #"anthropic-admin-key"#,
                description: #"Anthropic Admin API key (sk-ant-admin01- + 93 characters + AA)"#,
                regex: #"\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"sk-ant-admin01-"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"anthropic"#, #"claude"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 44, column: 1))
        )
        rules.append(
            Rule(
                id: #"anthropic-oauth-token"#,
                description: #"Anthropic OAuth access or refresh token (sk-ant-oat01- / sk-ant-ort01-), e.g. Claude Code subscription credentials"#,
                regex: #"\b(sk-ant-o[ar]t01-[A-Za-z0-9_-]{80,200})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"sk-ant-oat01-"#, #"sk-ant-ort01-"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"anthropic"#, #"claude"#, #"ai"#, #"oauth"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 61, column: 1))
        )
        rules.append(
            Rule(
                id: #"huggingface-access-token"#,
                description: #"Hugging Face user access token (hf_ + 34 letters)"#,
                regex: #"\b(hf_[A-Za-z]{34})\b"#,
                secretGroup: 1,
                keywords: [#"hf_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"huggingface"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 78, column: 1))
        )
        rules.append(
            Rule(
                id: #"huggingface-org-token"#,
                description: #"Hugging Face organization API token (api_org_ + 34 letters)"#,
                regex: #"\b(api_org_[A-Za-z]{34})\b"#,
                secretGroup: 1,
                keywords: [#"api_org_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"huggingface"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 97, column: 1))
        )
        rules.append(
            Rule(
                id: #"groq-api-key"#,
                description: #"Groq API key (gsk_ + 52 characters)"#,
                regex: #"\b(gsk_[A-Za-z0-9]{52})\b"#,
                secretGroup: 1,
                keywords: [#"gsk_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"groq"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 114, column: 1))
        )
        rules.append(
            Rule(
                id: #"replicate-api-token"#,
                description: #"Replicate API token (r8_ + 37 characters)"#,
                regex: #"\b(r8_[A-Za-z0-9]{37})\b"#,
                secretGroup: 1,
                keywords: [#"r8_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"replicate"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 132, column: 1))
        )
        rules.append(
            Rule(
                id: #"perplexity-api-key"#,
                description: #"Perplexity API key (pplx- + 48 characters)"#,
                regex: #"\b(pplx-[A-Za-z0-9]{48})\b"#,
                secretGroup: 1,
                keywords: [#"pplx-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"perplexity"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 150, column: 1))
        )
        rules.append(
            Rule(
                id: #"xai-api-key"#,
                description: #"xAI (Grok) API key (xai- + 80 characters)"#,
                regex: #"\b(xai-[A-Za-z0-9]{80})\b"#,
                secretGroup: 1,
                keywords: [#"xai-"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"xai"#, #"grok"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 167, column: 1))
        )
        rules.append(
            Rule(
                id: #"openrouter-api-key"#,
                description: #"OpenRouter API key (sk-or-v1- + 64 hex)"#,
                regex: #"\b(sk-or-v1-[0-9a-f]{64})\b"#,
                secretGroup: 1,
                keywords: [#"sk-or-v1-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"openrouter"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 184, column: 1))
        )
        rules.append(
            Rule(
                id: #"langsmith-api-key"#,
                description: #"LangSmith API key (lsv2_pt_ personal token / lsv2_sk_ service key)"#,
                regex: #"\b(lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})\b"#,
                secretGroup: 1,
                keywords: [#"lsv2_pt_"#, #"lsv2_sk_"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"langsmith"#, #"langchain"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 201, column: 1))
        )
        rules.append(
            Rule(
                id: #"langfuse-secret-key"#,
                description: #"Langfuse secret key (sk-lf- + UUID)"#,
                regex: #"\b(sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
                secretGroup: 1,
                keywords: [#"sk-lf-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"langfuse"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 218, column: 1))
        )
        rules.append(
            Rule(
                id: #"pinecone-api-key"#,
                description: #"Pinecone API key (pcsk_ + 6 + _ + 63 characters)"#,
                regex: #"\b(pcsk_[A-Za-z0-9]{6}_[A-Za-z0-9]{63})\b"#,
                secretGroup: 1,
                keywords: [#"pcsk_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"pinecone"#, #"ai"#, #"vector-db"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 235, column: 1))
        )
        rules.append(
            Rule(
                id: #"pinecone-legacy-api-key"#,
                description: #"Pinecone legacy API key (UUID) assigned to a Pinecone key variable"#,
                regex: #"(?i:pinecone[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^A-Za-z0-9\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"pinecone"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"pinecone"#, #"ai"#, #"vector-db"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 252, column: 1))
        )
        rules.append(
            Rule(
                id: #"nvidia-api-key"#,
                description: #"NVIDIA API / NGC / NIM key (nvapi- + 64 characters)"#,
                regex: #"\b(nvapi-[A-Za-z0-9_-]{64})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"nvapi-"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"nvidia"#, #"ngc"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 270, column: 1))
        )
        rules.append(
            Rule(
                id: #"cerebras-api-key"#,
                description: #"Cerebras Cloud API key (csk- + 48 lowercase characters)"#,
                regex: #"\b(csk-[a-z0-9]{48})\b"#,
                secretGroup: 1,
                keywords: [#"csk-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"cerebras"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 288, column: 1))
        )
        rules.append(
            Rule(
                id: #"together-api-key"#,
                description: #"Together AI API key (tgp_v1_ + 43 characters)"#,
                regex: #"\b(tgp_v1_[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"tgp_v1_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"together"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 306, column: 1))
        )
        rules.append(
            Rule(
                id: #"together-legacy-api-key"#,
                description: #"Together AI legacy API key (64 hex) assigned to a Together variable"#,
                regex: #"(?i:together[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{64})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"together"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"together"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 323, column: 1))
        )
        rules.append(
            Rule(
                id: #"tavily-api-key"#,
                description: #"Tavily API key (tvly- [dev-|prod-] + 32 characters)"#,
                regex: #"\b(tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})\b"#,
                secretGroup: 1,
                keywords: [#"tvly-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"tavily"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 341, column: 1))
        )
        rules.append(
            Rule(
                id: #"fireworks-api-key"#,
                description: #"Fireworks AI API key (fw_ + 20-40 characters) assigned to a Fireworks variable"#,
                regex: #"(?i:fireworks[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(fw_[A-Za-z0-9]{20,40})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"fireworks"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"fireworks"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 358, column: 1))
        )
        rules.append(
            Rule(
                id: #"elevenlabs-api-key"#,
                description: #"ElevenLabs API key (sk_ + 48 hex)"#,
                regex: #"\b(sk_[0-9a-f]{48})\b"#,
                secretGroup: 1,
                keywords: [#"sk_"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"elevenlabs"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 377, column: 1))
        )
        rules.append(
            Rule(
                id: #"cohere-api-key"#,
                description: #"Cohere API key (40 characters) assigned to a Cohere / CO_API_KEY variable"#,
                regex: #"(?i:cohere[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token)|co_api_key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{40})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"cohere"#, #"co_api_key"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"cohere"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 396, column: 1))
        )
        rules.append(
            Rule(
                id: #"mistral-api-key"#,
                description: #"Mistral AI API key (32 characters) assigned to a Mistral variable"#,
                regex: #"(?i:mistral[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"mistral"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"mistral"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 416, column: 1))
        )
        rules.append(
            Rule(
                id: #"deepseek-api-key"#,
                description: #"DeepSeek API key (sk- + 32 hex) assigned to a DeepSeek variable"#,
                regex: #"(?i:deepseek[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(sk-[0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"deepseek"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"deepseek"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 435, column: 1))
        )
        rules.append(
            Rule(
                id: #"wandb-api-key"#,
                description: #"Weights & Biases API key (40 hex) assigned to a W&B variable or passed to wandb login"#,
                regex: #"(?:(?i:wandb[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?|(?i:wandb)[ \t]+login[ \t]+(?:--relogin[ \t]+)?)([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"wandb"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"wandb"#, #"ai"#, #"mlops"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 454, column: 1))
        )
        rules.append(
            Rule(
                id: #"assemblyai-api-key"#,
                description: #"AssemblyAI API key (32 hex) assigned to an AssemblyAI variable"#,
                regex: #"(?i:assembly[_.-]?ai[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"assemblyai"#, #"assembly_ai"#, #"assembly-ai"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"assemblyai"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 474, column: 1))
        )
        rules.append(
            Rule(
                id: #"deepgram-api-key"#,
                description: #"Deepgram API key (40 hex) assigned to a Deepgram variable"#,
                regex: #"(?i:deepgram[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"deepgram"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"deepgram"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 492, column: 1))
        )
        rules.append(
            Rule(
                id: #"stability-ai-api-key"#,
                description: #"Stability AI API key (sk- + 48 characters) assigned to a Stability variable"#,
                regex: #"(?i:stability[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(sk-[A-Za-z0-9]{48})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"stability"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"stability"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 511, column: 1))
        )
        rules.append(
            Rule(
                id: #"fal-api-key"#,
                description: #"fal.ai API key (<key id uuid>:<32 hex secret>) assigned to FAL_KEY"#,
                regex: #"(?i:fal[_.-]?(?:ai[_.-]?)?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"fal_key"#, #"fal-key"#, #"fal_api_key"#, #"fal_ai_key"#, #"falkey"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"fal"#, #"ai"#],
                source: RuleSource(file: #"patterns/ai.toml"#, line: 529, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-bot-token"#,
                description: #"Slack bot token (xoxb-), current and legacy formats"#,
                regex: #"\b(xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,34})(?:[^A-Za-z0-9\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"xoxb-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"slack"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 7, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-user-token"#,
                description: #"Slack user token (xoxp-) or user-scoped xoxe- token"#,
                regex: #"\b(xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,34})(?:[^A-Za-z0-9\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"xoxp-"#, #"xoxe-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"slack"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 26, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-app-token"#,
                description: #"Slack app-level token (xapp-)"#,
                regex: #"\b(xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64})\b"#,
                secretGroup: 1,
                keywords: [#"xapp-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"slack"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 44, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-config-access-token"#,
                description: #"Slack app configuration access token (xoxe.xoxp- / xoxe.xoxb-)"#,
                regex: #"\b(xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{160,170})\b"#,
                secretGroup: 1,
                keywords: [#"xoxe.xoxp-"#, #"xoxe.xoxb-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"slack"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 61, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-config-refresh-token"#,
                description: #"Slack app configuration refresh token (xoxe-1-…)"#,
                regex: #"\b(xoxe-[0-9]-[A-Za-z0-9]{140,150})\b"#,
                secretGroup: 1,
                keywords: [#"xoxe-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"slack"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 78, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-legacy-workspace-token"#,
                description: #"Slack legacy workspace app access or refresh token (xoxa-, xoxr-)"#,
                regex: #"\b(xox[ar]-(?:[0-9]-)?[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]{8,64}){1,4})(?:[^0-9A-Za-z\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"xoxa-"#, #"xoxr-"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"slack"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 95, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-legacy-token"#,
                description: #"Slack legacy user token (xoxs-, xoxo-)"#,
                regex: #"\b(xox[os]-[0-9]{6,14}-[0-9]{6,14}-[0-9]{6,14}-[a-fA-F0-9]{10,64})\b"#,
                secretGroup: 1,
                keywords: [#"xoxs-"#, #"xoxo-"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"slack"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 113, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-webhook-url"#,
                description: #"Slack incoming webhook URL (hooks.slack.com/services/T…/B…/…)"#,
                regex: #"((?:https?://)?hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{23,25})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"hooks.slack.com"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"slack"#, #"chat"#, #"webhook"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 131, column: 1))
        )
        rules.append(
            Rule(
                id: #"slack-workflow-webhook-url"#,
                description: #"Slack Workflow Builder webhook URL (hooks.slack.com/workflows/… or /triggers/…)"#,
                regex: #"((?:https?://)?hooks\.slack\.com/(?:workflows/T[A-Z0-9]{8,12}/A[A-Z0-9]{8,12}/[0-9]{15,20}/[A-Za-z0-9]{24}|triggers/T[A-Z0-9]{8,12}/[0-9]{10,20}/[a-f0-9]{32}))(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"hooks.slack.com"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"slack"#, #"chat"#, #"webhook"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 150, column: 1))
        )
        rules.append(
            Rule(
                id: #"discord-bot-token"#,
                description: #"Discord bot token (base64 user id . timestamp . HMAC) assigned to a Discord/bot-token variable or passed to client.run()/login()"#,
                regex: #"(?:(?i:discord[\w.-]{0,30}?|bot[_.-]?token[\w.-]{0,10}?)['"]?[ \t]{0,3}(?:=|:=|:|=>)[ \t]{0,3}['"\x60]?|\.(?:run|login)\([ \t]*['"\x60])([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"discord"#, #"bot_token"#, #"bot-token"#, #"bottoken"#, #".run("#, #".login("#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"discord"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 167, column: 1))
        )
        rules.append(
            Rule(
                id: #"discord-webhook-url"#,
                description: #"Discord webhook URL (discord.com/api/webhooks/<id>/<token>)"#,
                regex: #"((?:https?://)?(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/(?:v[0-9]+/)?webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"discord.com/api"#, #"discordapp.com/api"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"discord"#, #"chat"#, #"webhook"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 188, column: 1))
        )
        rules.append(
            Rule(
                id: #"discord-client-secret"#,
                description: #"Discord OAuth2 application client secret (32 characters) assigned to a Discord secret variable"#,
                regex: #"(?i:discord[\w.-]{0,20}?(?:client[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9_-]{32})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"discord"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"discord"#, #"chat"#, #"oauth"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 205, column: 1))
        )
        rules.append(
            Rule(
                id: #"telegram-bot-token"#,
                description: #"Telegram Bot API token (<8-10 digit bot id>:AA + 33 characters)"#,
                regex: #"(?:^|[^0-9A-Za-z\n]|bot)([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#":aa"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"telegram"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 224, column: 1))
        )
        rules.append(
            Rule(
                id: #"microsoft-teams-webhook-url"#,
                description: #"Microsoft Teams incoming webhook URL (*.webhook.office.com/webhookb2/… or outlook.office.com/webhook/…)"#,
                regex: #"((?:https://)?(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:/[A-Za-z0-9_-]{20,80})?)(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"webhook.office.com"#, #"outlook.office.com/webhook"#, #"outlook.office365.com/webhook"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"microsoft-teams"#, #"chat"#, #"webhook"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 244, column: 1))
        )
        rules.append(
            Rule(
                id: #"microsoft-teams-workflow-webhook-url"#,
                description: #"Microsoft Teams Workflows / Power Automate / Logic Apps HTTP trigger URL; the sig= parameter is the secret"#,
                regex: #"(?i:\.logic\.azure\.com|\.powerplatform\.com)(?::443)?/[^ \t\n'"\x60?]{0,120}workflows/[0-9a-f]{32}/triggers/[^ \t\n'"\x60]{0,300}?[?&]sig=([A-Za-z0-9_%-]{43,64})(?:[^A-Za-z0-9_%\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"logic.azure.com"#, #"powerplatform.com"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"microsoft-teams"#, #"power-automate"#, #"azure"#, #"webhook"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 261, column: 1))
        )
        rules.append(
            Rule(
                id: #"mattermost-access-token"#,
                description: #"Mattermost personal access / bot token (26 lowercase characters) assigned to a Mattermost token variable"#,
                regex: #"(?i:mattermost[\w.-]{0,20}?(?:token|key|secret|password))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([a-z0-9]{26})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"mattermost"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"mattermost"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 278, column: 1))
        )
        rules.append(
            Rule(
                id: #"mattermost-webhook-url"#,
                description: #"Mattermost incoming webhook URL (https://<host>/hooks/<26-character id>)"#,
                regex: #"(https?://[A-Za-z0-9.-]+(?::[0-9]{2,5})?/hooks/[a-z0-9]{26})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"/hooks/"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"mattermost"#, #"chat"#, #"webhook"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 297, column: 1))
        )
        rules.append(
            Rule(
                id: #"matrix-access-token"#,
                description: #"Matrix (Synapse) access token (syt_<base64 user>_<20 random>_<6-char checksum>)"#,
                regex: #"\b(syt_[A-Za-z0-9_-]{2,80}?_[A-Za-z0-9]{20}_[A-Za-z0-9]{6})\b"#,
                secretGroup: 1,
                keywords: [#"syt_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"matrix"#, #"synapse"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 316, column: 1))
        )
        rules.append(
            Rule(
                id: #"zulip-api-key"#,
                description: #"Zulip API key (32 characters) assigned to a Zulip key variable"#,
                regex: #"(?i:zulip[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"zulip"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"zulip"#, #"chat"#],
                source: RuleSource(file: #"patterns/chat.toml"#, line: 333, column: 1))
        )
        rules.append(
            Rule(
                id: #"aws-access-key-id"#,
                description: #"AWS access key ID (AKIA long-term, ASIA temporary STS, ABIA STS service bearer, ACCA context-specific)"#,
                regex: #"\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b"#,
                secretGroup: 1,
                keywords: [#"akia"#, #"asia"#, #"abia"#, #"acca"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"aws"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 6, column: 1))
        )
        rules.append(
            Rule(
                id: #"aws-secret-access-key"#,
                description: #"AWS secret access key (40 base64 characters) assigned to an AWS secret-key variable or field"#,
                regex: #"(?i:aws[_.-]?secret(?:[_.-]?access)?(?:[_.-]?key)?|secret[_.-]?access[_.-]?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"aws_secret"#, #"aws-secret"#, #"awssecret"#, #"aws.secret"#, #"secret_access_key"#, #"secretaccesskey"#, #"secret-access-key"#],
                entropy: 4.0,
                confidence: .medium,
                tags: [#"aws"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 26, column: 1))
        )
        rules.append(
            Rule(
                id: #"aws-session-token"#,
                description: #"AWS temporary session token (STS) assigned to an AWS session-token variable or SessionToken field"#,
                regex: #"(?i:aws[_.-]?session[_.-]?token|sessiontoken)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9/+]{100,}={0,2})(?:[^A-Za-z0-9/+=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"session_token"#, #"session-token"#, #"session.token"#, #"sessiontoken"#],
                entropy: 4.0,
                confidence: .medium,
                tags: [#"aws"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 48, column: 1))
        )
        rules.append(
            Rule(
                id: #"aws-mws-auth-token"#,
                description: #"Amazon Marketplace Web Service (MWS) auth token"#,
                regex: #"\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
                secretGroup: 1,
                keywords: [#"amzn.mws."#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"aws"#, #"amazon"#, #"mws"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 67, column: 1))
        )
        rules.append(
            Rule(
                id: #"aws-bedrock-api-key"#,
                description: #"Amazon Bedrock long-term API key (ABSK + base64 of BedrockAPIKey-…-at-<account>:<secret>)"#,
                regex: #"\b(ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{80,300}={0,2})(?:[^A-Za-z0-9+/=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"abskqmvkcm9ja0fqsutles"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"aws"#, #"bedrock"#, #"ai"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 84, column: 1))
        )
        rules.append(
            Rule(
                id: #"gcp-service-account-key"#,
                description: #"Google Cloud service account key file (JSON with "type": "service_account" and an embedded private key); the secret is the private key"#,
                regex: #""type"[ \t]*:[ \t]*"service_account"[\s\S]{0,1000}?"private_key"[ \t]*:[ \t]*"(-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{64,}?-----END PRIVATE KEY-----)(?:\\n)?""#,
                secretGroup: 1,
                keywords: [#"service_account"#],
                entropy: 4.5,
                confidence: .high,
                tags: [#"gcp"#, #"google"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 101, column: 1))
        )
        rules.append(
            Rule(
                id: #"gcp-api-key"#,
                description: #"Google API key (AIza + 35 characters): Google Cloud, Maps, Firebase, Gemini / AI Studio"#,
                regex: #"\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"aiza"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"gcp"#, #"google"#, #"firebase"#, #"gemini"#],
                stopwords: [#"abcdefghijklmnopqrstuvwxyz"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 144, column: 1))
        )
        rules.append(
            Rule(
                id: #"google-oauth-client-secret"#,
                description: #"Google OAuth 2.0 client secret (GOCSPX- + 28 characters)"#,
                regex: #"\b(GOCSPX-[0-9A-Za-z_-]{28})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"gocspx-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"google"#, #"gcp"#, #"oauth"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 165, column: 1))
        )
        rules.append(
            Rule(
                id: #"google-oauth-access-token"#,
                description: #"Google OAuth 2.0 access token (ya29.…), short-lived bearer token"#,
                regex: #"\b(ya29\.[0-9A-Za-z_-]{30,})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"ya29."#],
                entropy: 4.0,
                confidence: .medium,
                tags: [#"google"#, #"gcp"#, #"oauth"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 182, column: 1))
        )
        rules.append(
            Rule(
                id: #"google-oauth-refresh-token"#,
                description: #"Google OAuth 2.0 refresh token (1//0…)"#,
                regex: #"(?:^|[^0-9A-Za-z/\n])(1//0[0-9A-Za-z_-]{40,})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"1//0"#],
                entropy: 4.0,
                confidence: .medium,
                tags: [#"google"#, #"gcp"#, #"oauth"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 200, column: 1))
        )
        rules.append(
            Rule(
                id: #"firebase-cloud-messaging-server-key"#,
                description: #"Firebase Cloud Messaging legacy server key (AAAA…:APA91b…)"#,
                regex: #"\b(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,200})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"apa91b"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"firebase"#, #"google"#, #"fcm"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 219, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-storage-account-key"#,
                description: #"Azure Storage (or Cosmos DB) account key: 86 base64 characters + == after AccountKey= or a storage-key variable"#,
                regex: #"(?i:account[_-]?key|storage[_-]?(?:account[_-]?)?(?:access[_-]?)?key)[\w.-]{0,12}?['"]?[ \t]{0,3}(?:=|:=|:|=>)?[ \t]{0,3}['"\x60]?([A-Za-z0-9+/]{86}==)(?:[^A-Za-z0-9+/=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"accountkey"#, #"account_key"#, #"account-key"#, #"storagekey"#, #"storage_key"#, #"storage-key"#, #"storage_account"#, #"storageaccount"#],
                entropy: 4.5,
                confidence: .high,
                tags: [#"azure"#, #"storage"#, #"cosmosdb"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 236, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-shared-access-key"#,
                description: #"Azure Service Bus / Event Hubs / Relay / IoT Hub shared access key in a connection string (SharedAccessKey=)"#,
                regex: #"(?i:SharedAccessKey)[ \t]*=[ \t]*([A-Za-z0-9+/]{42,43}={1,2})(?:[^A-Za-z0-9+/=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"sharedaccesskey"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"azure"#, #"servicebus"#, #"eventhubs"#, #"iothub"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 256, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-sas-token"#,
                description: #"Azure shared access signature (SAS) token: sv=<version> … sig=<signature> in a URL or connection string"#,
                regex: #"(?i)\bsv=[0-9]{4}-[0-9]{2}-[0-9]{2}[^ \t\n'\x60"<>]{0,400}?[?&;]sig=([A-Za-z0-9%+/=]{43,120})(?:[^A-Za-z0-9%+/=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"sig="#],
                entropy: 3.8,
                confidence: .high,
                tags: [#"azure"#, #"storage"#, #"sas"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 274, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-ad-client-secret"#,
                description: #"Microsoft Entra ID (Azure AD) application client secret (3 characters + digit + Q~ + 31-34 characters)"#,
                regex: #"(?:^|[\\'"\x60 \t\r>=:(,)\[])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:$|[\\'"\x60 \t\r<),\];&])"#,
                secretGroup: 1,
                keywords: [#"q~"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"azure"#, #"entra"#, #"aad"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 292, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-devops-pat"#,
                description: #"Azure DevOps personal access token (84-character annotated format with the AZDO signature)"#,
                regex: #"\b([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4})\b"#,
                secretGroup: 1,
                keywords: [#"jqqj9"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"azure"#, #"devops"#, #"vcs"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 311, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-devops-pat-legacy"#,
                description: #"Azure DevOps personal access token, legacy 52-character base32 format, assigned to an Azure DevOps / ADO token variable"#,
                regex: #"(?i:(?:ado|azdo|azure[_.-]?devops|devops|vsts|tfs)[\w.-]{0,20}?(?:pat|token|password|personal[_.-]?access[_.-]?token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([a-z2-7]{52})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"ado_"#, #"ado-"#, #"azdo"#, #"devops"#, #"vsts"#, #"tfs_"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"azure"#, #"devops"#, #"vcs"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 328, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-ai-services-key"#,
                description: #"Azure AI services / Cognitive Services / Azure OpenAI key (84-character annotated format with the ACOG signature)"#,
                regex: #"\b([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}ACOG[A-Za-z0-9]{4})\b"#,
                secretGroup: 1,
                keywords: [#"jqqj9"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"azure"#, #"openai"#, #"cognitive-services"#, #"ai"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 348, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-event-grid-key"#,
                description: #"Azure Event Grid access key (84-character annotated format with the AZEG signature)"#,
                regex: #"\b([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9][A-L][A-Za-z0-9]{16}AZEG[A-Za-z0-9]{4})\b"#,
                secretGroup: 1,
                keywords: [#"jqqj9"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"azure"#, #"eventgrid"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 365, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-cognitive-services-key-legacy"#,
                description: #"Azure AI services / Azure OpenAI / API Management key, legacy 32-hex format, assigned to an Azure key variable or subscription-key header"#,
                regex: #"(?i:(?:azure|cognitive|speech|translator|ocp-apim-subscription)[\w.-]{0,25}?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"azure"#, #"cognitive"#, #"speech"#, #"translator"#, #"ocp-apim-subscription"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"azure"#, #"openai"#, #"cognitive-services"#, #"ai"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 382, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-cache-redis-key"#,
                description: #"Azure Cache for Redis access key in a *.redis.cache.windows.net connection string"#,
                regex: #"(?i:\.redis\.cache\.windows\.net)(?::[0-9]{2,5})?,[^ \t\n'"\x60]{0,200}?(?i:password)=([A-Za-z0-9+/]{42,43}={1,2})(?:[^A-Za-z0-9+/=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"redis.cache.windows.net"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"azure"#, #"redis"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 402, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-function-key"#,
                description: #"Azure Functions access key (identifiable format with the AzFu signature)"#,
                regex: #"(?:^|[^A-Za-z0-9_\n-])([A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==)(?:[^A-Za-z0-9_=\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"azfu"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"azure"#, #"functions"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 419, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-search-key"#,
                description: #"Azure AI Search (Cognitive Search) admin or query key (identifiable format with the AzSe signature)"#,
                regex: #"(?:^|[^A-Za-z0-9+/\n])([A-Za-z0-9+/]{42}AzSe[A-D][A-Za-z0-9+/]{5})(?:[^A-Za-z0-9+/=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"azse"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"azure"#, #"search"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 436, column: 1))
        )
        rules.append(
            Rule(
                id: #"azure-container-registry-key"#,
                description: #"Azure Container Registry access key / token password (identifiable format with the +ACR signature)"#,
                regex: #"(?:^|[^A-Za-z0-9+/\n])([A-Za-z0-9+/]{42}\+ACR[A-D][A-Za-z0-9+/]{5})(?:[^A-Za-z0-9+/=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"+acr"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"azure"#, #"container-registry"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 453, column: 1))
        )
        rules.append(
            Rule(
                id: #"alibaba-access-key-id"#,
                description: #"Alibaba Cloud (Aliyun) AccessKey ID (LTAI + 12-20 characters)"#,
                regex: #"\b(LTAI[A-Za-z0-9]{12,20})\b"#,
                secretGroup: 1,
                keywords: [#"ltai"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"alibaba"#, #"aliyun"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 470, column: 1))
        )
        rules.append(
            Rule(
                id: #"alibaba-access-key-secret"#,
                description: #"Alibaba Cloud (Aliyun) AccessKey secret (30 characters) assigned to an Alibaba / AccessKeySecret variable"#,
                regex: #"(?i:(?:alibaba|aliyun|alicloud)[\w.-]{0,25}?secret|access[_.-]?key[_.-]?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{30})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"alibaba"#, #"aliyun"#, #"alicloud"#, #"accesskeysecret"#, #"access_key_secret"#, #"access-key-secret"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"alibaba"#, #"aliyun"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 488, column: 1))
        )
        rules.append(
            Rule(
                id: #"tencent-cloud-secret-id"#,
                description: #"Tencent Cloud API SecretId (AKID + 32 characters)"#,
                regex: #"\b(AKID[A-Za-z0-9]{32})\b"#,
                secretGroup: 1,
                keywords: [#"akid"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"tencent"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 506, column: 1))
        )
        rules.append(
            Rule(
                id: #"tencent-cloud-secret-key"#,
                description: #"Tencent Cloud API SecretKey (32 characters) assigned to a Tencent Cloud secret-key variable"#,
                regex: #"(?i:(?:tencent|qcloud|tccli)[\w.-]{0,25}?secret[_.-]?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"tencent"#, #"qcloud"#, #"tccli"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"tencent"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 523, column: 1))
        )
        rules.append(
            Rule(
                id: #"ibm-cloud-api-key"#,
                description: #"IBM Cloud IAM API key (44 characters) assigned to an IBM Cloud API-key variable"#,
                regex: #"(?i:ibm[\w.-]{0,25}?api[_.-]?key|iam[_.-]?apikey)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9_-]{44})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"ibm"#, #"iam_apikey"#, #"iam-apikey"#, #"iamapikey"#],
                entropy: 4.0,
                confidence: .medium,
                tags: [#"ibm"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 541, column: 1))
        )
        rules.append(
            Rule(
                id: #"ibm-cos-hmac-secret"#,
                description: #"IBM Cloud Object Storage HMAC secret access key (48 hex) in cos_hmac_keys credentials"#,
                regex: #"(?i:secret[_.-]?access[_.-]?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{48})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"secret_access_key"#, #"secretaccesskey"#, #"secret-access-key"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"ibm"#, #"object-storage"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 559, column: 1))
        )
        rules.append(
            Rule(
                id: #"yandex-cloud-api-key"#,
                description: #"Yandex Cloud API key (AQVN + 35-38 characters)"#,
                regex: #"\b(AQVN[A-Za-z0-9_-]{35,38})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"aqvn"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"yandex"#, #"cloud"#],
                source: RuleSource(file: #"patterns/cloud.toml"#, line: 577, column: 1))
        )
        rules.append(
            Rule(
                id: #"twilio-auth-token"#,
                description: #"Twilio account auth token (32 hex) assigned to a Twilio token variable"#,
                regex: #"(?i:twilio[\w.-]{0,20}?(?:auth[_.-]?)?token)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"twilio"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"twilio"#, #"sms"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 7, column: 1))
        )
        rules.append(
            Rule(
                id: #"twilio-api-key-secret"#,
                description: #"Twilio API key secret (32 characters) assigned to a Twilio secret variable"#,
                regex: #"(?i:twilio[\w.-]{0,20}?(?:api[_.-]?)?(?:key[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"twilio"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"twilio"#, #"sms"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 27, column: 1))
        )
        rules.append(
            Rule(
                id: #"twilio-api-key-sid"#,
                description: #"Twilio API key SID (SK + 32 hex) assigned to a Twilio variable; identifies the key to revoke"#,
                regex: #"(?i:twilio[\w.-]{0,30}?)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(SK[0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"twilio"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"twilio"#, #"sms"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 45, column: 1))
        )
        rules.append(
            Rule(
                id: #"twilio-basic-auth-credentials"#,
                description: #"Twilio account SID and auth token embedded as basic-auth credentials in an api.twilio.com URL"#,
                regex: #"\b(?:AC[0-9a-f]{32}):([0-9a-f]{32})@(?i:api\.twilio\.com)"#,
                secretGroup: 1,
                keywords: [#"api.twilio.com"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"twilio"#, #"sms"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 63, column: 1))
        )
        rules.append(
            Rule(
                id: #"sendgrid-api-key"#,
                description: #"SendGrid API key (SG. + 22 + . + 43 characters)"#,
                regex: #"\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"sg."#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"sendgrid"#, #"twilio"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 79, column: 1))
        )
        rules.append(
            Rule(
                id: #"mailgun-api-key-legacy"#,
                description: #"Mailgun legacy private API key (key- + 32 hex)"#,
                regex: #"\b(key-[0-9a-f]{32})\b"#,
                secretGroup: 1,
                keywords: [#"key-"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"mailgun"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 97, column: 1))
        )
        rules.append(
            Rule(
                id: #"mailgun-api-key"#,
                description: #"Mailgun API key or webhook signing key (32 hex-8 hex-8 hex) assigned to a Mailgun variable"#,
                regex: #"(?i:mailgun[\w.-]{0,20}?(?:api[_.-]?|signing[_.-]?|webhook[_.-]?)?(?:key|secret|token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?:[^A-Za-z0-9\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"mailgun"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"mailgun"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 116, column: 1))
        )
        rules.append(
            Rule(
                id: #"mailchimp-api-key"#,
                description: #"Mailchimp Marketing API key (32 hex + -us<datacenter>)"#,
                regex: #"\b([0-9a-f]{32}-us[0-9]{1,2})\b"#,
                secretGroup: 1,
                keywords: [#"-us1"#, #"-us2"#, #"-us3"#, #"-us4"#, #"-us5"#, #"-us6"#, #"-us7"#, #"-us8"#, #"-us9"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"mailchimp"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 135, column: 1))
        )
        rules.append(
            Rule(
                id: #"mandrill-api-key"#,
                description: #"Mandrill (Mailchimp Transactional) API key (22 characters) assigned to a Mandrill variable"#,
                regex: #"(?i:mandrill[\w.-]{0,20}?(?:api[_.-]?)?(?:key|password|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9_-]{22})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"mandrill"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"mandrill"#, #"mailchimp"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 153, column: 1))
        )
        rules.append(
            Rule(
                id: #"postmark-server-token"#,
                description: #"Postmark server or account API token (UUID) assigned to a Postmark variable or X-Postmark-*-Token header"#,
                regex: #"(?i:postmark[\w.-]{0,30}?(?:token|key))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[^A-Za-z0-9\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"postmark"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"postmark"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 171, column: 1))
        )
        rules.append(
            Rule(
                id: #"brevo-api-key"#,
                description: #"Brevo (Sendinblue) API key (xkeysib- + 64 hex + - + 16 characters)"#,
                regex: #"\b(xkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16})\b"#,
                secretGroup: 1,
                keywords: [#"xkeysib-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"brevo"#, #"sendinblue"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 191, column: 1))
        )
        rules.append(
            Rule(
                id: #"brevo-smtp-key"#,
                description: #"Brevo (Sendinblue) SMTP key (xsmtpsib- + 64 hex + - + 16 characters)"#,
                regex: #"\b(xsmtpsib-[0-9a-f]{64}-[A-Za-z0-9]{16})\b"#,
                secretGroup: 1,
                keywords: [#"xsmtpsib-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"brevo"#, #"sendinblue"#, #"email"#, #"smtp"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 208, column: 1))
        )
        rules.append(
            Rule(
                id: #"mailjet-api-secret"#,
                description: #"Mailjet API secret key (32 hex) assigned to a Mailjet secret / MJ_APIKEY_PRIVATE variable"#,
                regex: #"(?i:mailjet[\w.-]{0,20}?(?:secret|private)|mj_apikey_private|mj_(?:api_)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"mailjet"#, #"mj_apikey_private"#, #"mj_secret"#, #"mj_api_secret"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"mailjet"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 225, column: 1))
        )
        rules.append(
            Rule(
                id: #"vonage-api-secret"#,
                description: #"Vonage (Nexmo) API secret (16 characters) assigned to a Vonage/Nexmo secret variable"#,
                regex: #"(?i:(?:vonage|nexmo)[\w.-]{0,20}?(?:api[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{16})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"vonage"#, #"nexmo"#],
                entropy: 3.2,
                confidence: .medium,
                tags: [#"vonage"#, #"nexmo"#, #"sms"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 244, column: 1))
        )
        rules.append(
            Rule(
                id: #"sparkpost-api-key"#,
                description: #"SparkPost API key (40 hex) assigned to a SparkPost variable"#,
                regex: #"(?i:sparkpost[\w.-]{0,20}?(?:api[_.-]?)?(?:key|token|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"sparkpost"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"sparkpost"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 263, column: 1))
        )
        rules.append(
            Rule(
                id: #"resend-api-key"#,
                description: #"Resend API key (re_ + 8 + _ + 24 characters)"#,
                regex: #"\b(re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})\b"#,
                secretGroup: 1,
                keywords: [#"re_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"resend"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 281, column: 1))
        )
        rules.append(
            Rule(
                id: #"mailersend-api-token"#,
                description: #"MailerSend API token (mlsn. + 64 hex)"#,
                regex: #"\b(mlsn\.[0-9a-f]{64})\b"#,
                secretGroup: 1,
                keywords: [#"mlsn."#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"mailersend"#, #"email"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 300, column: 1))
        )
        rules.append(
            Rule(
                id: #"plivo-auth-token"#,
                description: #"Plivo auth token (40 characters) assigned to a Plivo variable"#,
                regex: #"(?i:plivo[\w.-]{0,20}?(?:auth[_.-]?)?(?:token|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{40})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"plivo"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"plivo"#, #"sms"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 317, column: 1))
        )
        rules.append(
            Rule(
                id: #"messagebird-api-key"#,
                description: #"MessageBird (Bird) access key (25 characters) assigned to a MessageBird variable"#,
                regex: #"(?i:messagebird[\w.-]{0,20}?(?:access[_.-]?|api[_.-]?)?(?:key|token))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{25})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"messagebird"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"messagebird"#, #"sms"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 336, column: 1))
        )
        rules.append(
            Rule(
                id: #"pusher-app-secret"#,
                description: #"Pusher Channels app secret (20 hex) assigned to a Pusher secret variable"#,
                regex: #"(?i:pusher[\w.-]{0,20}?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{20})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"pusher"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"pusher"#, #"realtime"#, #"messaging"#],
                source: RuleSource(file: #"patterns/messaging.toml"#, line: 354, column: 1))
        )
        rules.append(
            Rule(
                id: #"stripe-secret-key"#,
                description: #"Stripe live secret API key (sk_live_)"#,
                regex: #"\b(sk_live_[0-9A-Za-z]{24,247})\b"#,
                secretGroup: 1,
                keywords: [#"sk_live_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"stripe"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 6, column: 1))
        )
        rules.append(
            Rule(
                id: #"stripe-restricted-key"#,
                description: #"Stripe live restricted API key (rk_live_)"#,
                regex: #"\b(rk_live_[0-9A-Za-z]{24,247})\b"#,
                secretGroup: 1,
                keywords: [#"rk_live_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"stripe"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 25, column: 1))
        )
        rules.append(
            Rule(
                id: #"stripe-test-key"#,
                description: #"Stripe test-mode secret or restricted key (sk_test_ / rk_test_): no live data, but often a sign live keys are nearby"#,
                regex: #"\b((?:sk|rk)_test_[0-9A-Za-z]{24,247})\b"#,
                secretGroup: 1,
                keywords: [#"sk_test_"#, #"rk_test_"#],
                entropy: 3.5,
                confidence: .low,
                tags: [#"stripe"#, #"payments"#, #"test"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 42, column: 1))
        )
        rules.append(
            Rule(
                id: #"stripe-webhook-secret"#,
                description: #"Stripe (or Svix-compatible) webhook signing secret (whsec_)"#,
                regex: #"\b(whsec_[A-Za-z0-9+/]{32,88}={0,2})(?:[^A-Za-z0-9+/=\n]|$)"#,
                secretGroup: 1,
                keywords: [#"whsec_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"stripe"#, #"payments"#, #"webhook"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 60, column: 1))
        )
        rules.append(
            Rule(
                id: #"square-access-token"#,
                description: #"Square access token (EAAA + 60 characters), production or sandbox"#,
                regex: #"\b(EAAA[A-Za-z0-9_-]{60})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"eaaa"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"square"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 78, column: 1))
        )
        rules.append(
            Rule(
                id: #"square-legacy-access-token"#,
                description: #"Square legacy OAuth/personal access token (sq0atp-, sandbox sq0atb-)"#,
                regex: #"\b((?:sandbox-)?sq0at[pb]-[0-9A-Za-z_-]{22})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"sq0atp-"#, #"sq0atb-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"square"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 96, column: 1))
        )
        rules.append(
            Rule(
                id: #"square-oauth-secret"#,
                description: #"Square OAuth application secret (sq0csp-, sandbox sq0csb-)"#,
                regex: #"\b((?:sandbox-)?sq0cs[pb]-[0-9A-Za-z_-]{43})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"sq0csp-"#, #"sq0csb-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"square"#, #"payments"#, #"oauth"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 113, column: 1))
        )
        rules.append(
            Rule(
                id: #"braintree-access-token"#,
                description: #"Braintree (PayPal) production access token (access_token$production$…$…)"#,
                regex: #"\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b"#,
                secretGroup: 1,
                keywords: [#"access_token$production$"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"braintree"#, #"paypal"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 130, column: 1))
        )
        rules.append(
            Rule(
                id: #"braintree-sandbox-access-token"#,
                description: #"Braintree (PayPal) sandbox access token (access_token$sandbox$…)"#,
                regex: #"\b(access_token\$sandbox\$[0-9a-z]{16}\$[0-9a-f]{32})\b"#,
                secretGroup: 1,
                keywords: [#"access_token$sandbox$"#],
                entropy: 3.0,
                confidence: .low,
                tags: [#"braintree"#, #"paypal"#, #"payments"#, #"test"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 147, column: 1))
        )
        rules.append(
            Rule(
                id: #"braintree-private-key"#,
                description: #"Braintree API private key (32 hex) assigned to a Braintree private-key variable"#,
                regex: #"(?i:braintree[\w.-]{0,20}?private[_.-]?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"braintree"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"braintree"#, #"paypal"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 163, column: 1))
        )
        rules.append(
            Rule(
                id: #"paypal-client-secret"#,
                description: #"PayPal REST API client secret (80 characters starting with E) assigned to a PayPal secret variable"#,
                regex: #"(?i:paypal[\w.-]{0,20}?(?:client[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(E[A-Za-z0-9_-]{79})(?:[^A-Za-z0-9_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"paypal"#],
                entropy: 4.0,
                confidence: .medium,
                tags: [#"paypal"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 182, column: 1))
        )
        rules.append(
            Rule(
                id: #"adyen-api-key"#,
                description: #"Adyen API key (AQE…) assigned to an Adyen key variable"#,
                regex: #"(?i:adyen[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(AQE[A-Za-z0-9+/=._;%{}<>-]{60,300})(?:[^A-Za-z0-9+/=._;%{}<>\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"adyen"#],
                entropy: 4.0,
                confidence: .medium,
                tags: [#"adyen"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 201, column: 1))
        )
        rules.append(
            Rule(
                id: #"plaid-access-token"#,
                description: #"Plaid access token for the production or development environment (access-<env>-<uuid>)"#,
                regex: #"\b(access-(?:production|development)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
                secretGroup: 1,
                keywords: [#"access-production-"#, #"access-development-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"plaid"#, #"payments"#, #"banking"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 220, column: 1))
        )
        rules.append(
            Rule(
                id: #"plaid-secret"#,
                description: #"Plaid API secret (30 hex) assigned to a Plaid secret variable"#,
                regex: #"(?i:plaid[\w.-]{0,20}?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{30})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"plaid"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"plaid"#, #"payments"#, #"banking"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 238, column: 1))
        )
        rules.append(
            Rule(
                id: #"razorpay-live-key-id"#,
                description: #"Razorpay live API key id (rzp_live_): identifies a live key pair; its secret is usually nearby"#,
                regex: #"\b(rzp_live_[A-Za-z0-9]{14})\b"#,
                secretGroup: 1,
                keywords: [#"rzp_live_"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"razorpay"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 257, column: 1))
        )
        rules.append(
            Rule(
                id: #"razorpay-key-secret"#,
                description: #"Razorpay API key secret (24 characters) assigned to a Razorpay secret variable"#,
                regex: #"(?i:razorpay[\w.-]{0,20}?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{24})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"razorpay"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"razorpay"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 275, column: 1))
        )
        rules.append(
            Rule(
                id: #"flutterwave-secret-key"#,
                description: #"Flutterwave live secret key (FLWSECK-<32 hex>-X)"#,
                regex: #"\b(FLWSECK-[0-9a-f]{32}-X)\b"#,
                secretGroup: 1,
                keywords: [#"flwseck-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"flutterwave"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 293, column: 1))
        )
        rules.append(
            Rule(
                id: #"flutterwave-test-secret-key"#,
                description: #"Flutterwave test-mode secret key (FLWSECK_TEST-<32 hex>-X)"#,
                regex: #"\b(FLWSECK_TEST-[0-9a-f]{32}-X)\b"#,
                secretGroup: 1,
                keywords: [#"flwseck_test-"#],
                entropy: 3.0,
                confidence: .low,
                tags: [#"flutterwave"#, #"payments"#, #"test"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 310, column: 1))
        )
        rules.append(
            Rule(
                id: #"gocardless-access-token"#,
                description: #"GoCardless live access token (live_ + 40 characters) assigned to a GoCardless variable"#,
                regex: #"(?i:gocardless[\w.-]{0,20}?(?:access[_.-]?)?token)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(live_[A-Za-z0-9_=-]{40})(?:[^A-Za-z0-9_=\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"gocardless"#],
                entropy: 4.0,
                confidence: .medium,
                tags: [#"gocardless"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 326, column: 1))
        )
        rules.append(
            Rule(
                id: #"paddle-api-key"#,
                description: #"Paddle Billing live API key (pdl_live_apikey_ + ULID + _ + 22 + _ + 3 characters)"#,
                regex: #"\b(pdl_live_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})\b"#,
                secretGroup: 1,
                keywords: [#"pdl_live_apikey_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"paddle"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 344, column: 1))
        )
        rules.append(
            Rule(
                id: #"mollie-api-key"#,
                description: #"Mollie live API key (live_ + 30 characters) assigned to a Mollie variable"#,
                regex: #"(?i:mollie[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?(live_[A-Za-z0-9]{30})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"mollie"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"mollie"#, #"payments"#],
                source: RuleSource(file: #"patterns/payments.toml"#, line: 362, column: 1))
        )
        rules.append(
            Rule(
                id: #"github-pat"#,
                description: #"GitHub personal access token (classic) (ghp_ + 30 random base62 characters + 6-character CRC32 checksum)"#,
                regex: #"\b(ghp_[A-Za-z0-9]{36})\b"#,
                secretGroup: 1,
                keywords: [#"ghp_"#],
                entropy: 3.0,
                validator: Validator(rawValue: #"github-crc32"#),
                confidence: .high,
                tags: [#"github"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 5, column: 1))
        )
        rules.append(
            Rule(
                id: #"github-oauth-token"#,
                description: #"GitHub OAuth app access token (gho_ + 30 random base62 characters + 6-character CRC32 checksum)"#,
                regex: #"\b(gho_[A-Za-z0-9]{36})\b"#,
                secretGroup: 1,
                keywords: [#"gho_"#],
                entropy: 3.0,
                validator: Validator(rawValue: #"github-crc32"#),
                confidence: .high,
                tags: [#"github"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 26, column: 1))
        )
        rules.append(
            Rule(
                id: #"github-user-to-server-token"#,
                description: #"GitHub App user-to-server (user access) token (ghu_ + 30 random base62 characters + 6-character CRC32 checksum)"#,
                regex: #"\b(ghu_[A-Za-z0-9]{36})\b"#,
                secretGroup: 1,
                keywords: [#"ghu_"#],
                entropy: 3.0,
                validator: Validator(rawValue: #"github-crc32"#),
                confidence: .high,
                tags: [#"github"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 47, column: 1))
        )
        rules.append(
            Rule(
                id: #"github-app-installation-token"#,
                description: #"GitHub App installation (server-to-server) token (ghs_ + 30 random base62 characters + 6-character CRC32 checksum)"#,
                regex: #"\b(ghs_[A-Za-z0-9]{36})\b"#,
                secretGroup: 1,
                keywords: [#"ghs_"#],
                entropy: 3.0,
                validator: Validator(rawValue: #"github-crc32"#),
                confidence: .high,
                tags: [#"github"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 68, column: 1))
        )
        rules.append(
            Rule(
                id: #"github-refresh-token"#,
                description: #"GitHub App user refresh token (ghr_ + 76 characters)"#,
                regex: #"\b(ghr_[A-Za-z0-9]{36}(?:[A-Za-z0-9]{40})?)\b"#,
                secretGroup: 1,
                keywords: [#"ghr_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"github"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 89, column: 1))
        )
        rules.append(
            Rule(
                id: #"github-fine-grained-pat"#,
                description: #"GitHub fine-grained personal access token (github_pat_ + 22 + _ + 59 characters)"#,
                regex: #"\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b"#,
                secretGroup: 1,
                keywords: [#"github_pat_"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"github"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 107, column: 1))
        )
        rules.append(
            Rule(
                id: #"github-legacy-token"#,
                description: #"GitHub legacy 40-hex token or OAuth client secret assigned to a GitHub token/secret variable"#,
                regex: #"(?i:github[\w.-]{0,20}?(?:token|pat|secret|oauth|api[_.-]?key|password))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"github"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"github"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 125, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-pat"#,
                description: #"GitLab personal, project or group access token (glpat-; legacy 20-character or routable format)"#,
                regex: #"\b(glpat-(?:[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glpat-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 145, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-deploy-token"#,
                description: #"GitLab deploy token (gldt-)"#,
                regex: #"\b(gldt-(?:[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"gldt-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 164, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-runner-auth-token"#,
                description: #"GitLab runner authentication token (glrt-; legacy or routable format)"#,
                regex: #"\b(glrt-(?:[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glrt-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 183, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-feed-token"#,
                description: #"GitLab feed token (glft-)"#,
                regex: #"\b(glft-(?:[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glft-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 202, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-pipeline-trigger-token"#,
                description: #"GitLab pipeline trigger token (glptt- + 40 hex)"#,
                regex: #"\b(glptt-(?:[0-9a-f]{40}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glptt-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 221, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-incoming-mail-token"#,
                description: #"GitLab incoming email token (glimt-)"#,
                regex: #"\b(glimt-(?:[0-9A-Za-z_-]{25}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glimt-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 239, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-agent-token"#,
                description: #"GitLab agent for Kubernetes token (glagent-)"#,
                regex: #"\b(glagent-(?:[0-9A-Za-z_-]{50}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glagent-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 257, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-oauth-app-secret"#,
                description: #"GitLab OAuth application secret (gloas-)"#,
                regex: #"\b(gloas-(?:[0-9A-Za-z_-]{64}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"gloas-"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 275, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-scim-token"#,
                description: #"GitLab SCIM OAuth token (glsoat-)"#,
                regex: #"\b(glsoat-(?:[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glsoat-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 293, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-feature-flag-client-token"#,
                description: #"GitLab feature flags client token (glffct-)"#,
                regex: #"\b(glffct-(?:[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glffct-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 311, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-cicd-job-token"#,
                description: #"GitLab CI/CD job token (glcbt-)"#,
                regex: #"\b(glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"glcbt-"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#, #"ci"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 329, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-runner-registration-token"#,
                description: #"GitLab runner registration token (legacy, GR1348941 prefix)"#,
                regex: #"\b(GR1348941[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"gr1348941"#],
                entropy: 3.0,
                confidence: .high,
                tags: [#"gitlab"#, #"vcs"#, #"ci"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 346, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-session-cookie"#,
                description: #"GitLab session cookie (_gitlab_session=)"#,
                regex: #"(?i:_gitlab_session)=([0-9a-z]{32})(?:[^0-9A-Za-z\n]|$)"#,
                secretGroup: 1,
                keywords: [#"_gitlab_session="#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"gitlab"#, #"vcs"#, #"session"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 364, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitlab-legacy-token"#,
                description: #"GitLab unprefixed 20-character access token assigned to a GitLab token variable (pre-glpat- tokens or instances without token prefix)"#,
                regex: #"(?i:gitlab[\w.-]{0,20}?(?:token|pat|private[_.-]?token|password))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"gitlab"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"gitlab"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 382, column: 1))
        )
        rules.append(
            Rule(
                id: #"bitbucket-app-password"#,
                description: #"Bitbucket app password / API token (ATBB + 24 characters + 8-hex CRC32 checksum)"#,
                regex: #"\b(ATBB[A-Za-z0-9]{24}[0-9A-F]{8})\b"#,
                secretGroup: 1,
                keywords: [#"atbb"#],
                entropy: 3.5,
                confidence: .high,
                tags: [#"bitbucket"#, #"atlassian"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 401, column: 1))
        )
        rules.append(
            Rule(
                id: #"bitbucket-access-token"#,
                description: #"Bitbucket repository / project / workspace access token (ATCTT3xFfGN0 + base64url + = + 8-hex CRC32)"#,
                regex: #"\b(ATCTT3xFfGN0[A-Za-z0-9_-]{100,300}=[0-9A-F]{8})(?:[^A-Za-z0-9_=\n-]|$)"#,
                secretGroup: 1,
                keywords: [#"atctt3xffgn0"#],
                entropy: 4.0,
                confidence: .high,
                tags: [#"bitbucket"#, #"atlassian"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 419, column: 1))
        )
        rules.append(
            Rule(
                id: #"bitbucket-oauth-secret"#,
                description: #"Bitbucket OAuth consumer secret (32 characters) assigned to a Bitbucket secret variable"#,
                regex: #"(?i:bitbucket[\w.-]{0,20}?(?:client[_.-]?|consumer[_.-]?|oauth[_.-]?)?secret)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{32})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"bitbucket"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"bitbucket"#, #"atlassian"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 437, column: 1))
        )
        rules.append(
            Rule(
                id: #"bitbucket-app-password-legacy"#,
                description: #"Bitbucket legacy 20-character app password assigned to a Bitbucket password variable"#,
                regex: #"(?i:bitbucket[\w.-]{0,20}?(?:app[_.-]?)?password)[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([A-Za-z0-9]{20})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"bitbucket"#],
                entropy: 3.5,
                confidence: .medium,
                tags: [#"bitbucket"#, #"atlassian"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 456, column: 1))
        )
        rules.append(
            Rule(
                id: #"gitea-access-token"#,
                description: #"Gitea / Forgejo / Codeberg access token (40 hex) assigned to a Gitea/Forgejo token variable"#,
                regex: #"(?i:(?:gitea|forgejo|codeberg)[\w.-]{0,20}?(?:token|pat|password|secret))[\w.-]{0,12}?['"]?\]?[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3}['"\x60]?([0-9a-f]{40})(?:[^A-Za-z0-9\n]|$)"#,
                secretGroup: 1,
                keywords: [#"gitea"#, #"forgejo"#, #"codeberg"#],
                entropy: 3.0,
                confidence: .medium,
                tags: [#"gitea"#, #"forgejo"#, #"vcs"#],
                source: RuleSource(file: #"patterns/vcs.toml"#, line: 475, column: 1))
        )
        return rules
    }
}
