"""The documented token formats `benchmarks/run accuracy` plants (one `Format` per format).

Each format is written from the PROVIDER'S documentation of its keys (prefix, length, alphabet,
checksum), or from the format the rule's pattern file names as documented where the provider
publishes no grammar; never from another scanner's rules, and never by copying our own regex: a
rule that is stricter or looser than the documented format shows up as a miss. `source` says
where the format comes from. No literal realistic secret appears here: every value is generated
at run time from a template.

Template language: literal text, with `{cls:n}` for n random characters of a class below,
`{uuid}` for a random version-4 UUID and `{crc}` for GitHub's checksum (6 base62 characters of
the CRC-32 of the random characters so far).
"""

from __future__ import annotations

import base64
import json
import random
import re
import uuid as uuidlib
import zlib
from dataclasses import dataclass
from typing import Callable

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
CLASSES = {
    "a": B62,                                                   # alphanumerics
    "A": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",   # letters
    "h": "0123456789abcdef",                                    # lowercase hex
    "H": "0123456789ABCDEF",                                    # uppercase hex
    "d": "0123456789",
    "U": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",                # uppercase alphanumerics
    "l": "abcdefghijklmnopqrstuvwxyz0123456789",                # lowercase alphanumerics
    "L": "abcdefghijklmnopqrstuvwxyz",
    "b": B62 + "+/",                                            # base64
    "B": B62 + "-_",                                            # base64url
    "t": B62 + "._",                                            # Salesforce token tail
    "2": "abcdefghijklmnopqrstuvwxyz234567",                    # base32, lowercase
    "8": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",                    # Bech32, upper case
    "D": "ABCD",                                                # Azure identifiable keys' signature suffix
}
TOKEN = re.compile(r"\{(?:(?P<cls>[a-zA-Z0-9]):(?P<n>[0-9]+)|(?P<word>uuid|crc))\}")


def crc32_base62(body: str) -> str:
    """GitHub's token checksum: CRC-32 of the random part, in 6 base62 digits."""
    value = zlib.crc32(body.encode())
    out = ""
    while value:
        out = B62[value % 62] + out
        value //= 62
    return out.rjust(6, "0")


def expand(template: str, rng: random.Random, fill: str | None = None) -> str:
    """The template with every class drawn at random (or every random character `fill`)."""
    out, randoms, pos = [], [], 0
    for m in TOKEN.finditer(template):
        out.append(template[pos:m.start()])
        pos = m.end()
        if m["word"] == "uuid":
            piece = str(uuidlib.UUID(int=rng.getrandbits(128), version=4)) if fill is None else \
                "-".join(fill * k for k in (8, 4, 4, 4, 12))
        elif m["word"] == "crc":
            piece = crc32_base62("".join(randoms)) if fill is None else fill * 6
        else:
            n = int(m["n"])
            piece = "".join(rng.choice(CLASSES[m["cls"]]) for _ in range(n)) if fill is None else fill * n
        randoms.append(piece)
        out.append(piece)
    out.append(template[pos:])
    return "".join(out)


@dataclass
class Format:
    """A documented credential format: how to make one, and the name a configuration gives it."""
    type: str                 # the rule id we expect (the label)
    template: str | Callable[[random.Random], str]
    name: str = "API_KEY"     # the variable name in the surrounding code (some rules need it)
    source: str = ""          # where the format is documented
    variant: str = ""         # tells apart two formats of one type
    placeholder: bool = True  # plant `prefix + xxxx` as a placeholder decoy
    secret: str = ""          # a regex whose group 1 is the secret inside the value (URLs, connection strings)

    @property
    def key(self) -> str:
        return self.type + (f"-{self.variant}" if self.variant else "")

    @property
    def family(self) -> str:
        return FAMILY.get(self.type, "provider")

    def make(self, rng: random.Random) -> str:
        return self.template(rng) if callable(self.template) else expand(self.template, rng)

    def secret_of(self, value: str) -> str:
        """The part of a planted value a rule reports (all of it unless `secret` says)."""
        if not self.secret:
            return value
        m = re.search(self.secret, value)
        return m.group(1) if m else value

    def broken(self, rng: random.Random) -> str | None:
        """The same shape with a wrong checksum (a decoy), when the format has one."""
        if callable(self.template) or "{crc}" not in self.template:
            return None
        good = self.make(rng)
        tail = good[-6:]
        return good[:-6] + (tail[::-1] if tail != tail[::-1] else "zzzzzz")

    def placeholder_value(self) -> str | None:
        """The documented shape with every random character an `x` (a template left unfilled)."""
        if callable(self.template) or not self.placeholder:
            return None
        return expand(self.template, random.Random(0), fill="x")


# ---------------------------------------------------------------- generated-by-code formats

def wireguard_key(rng: random.Random) -> str:
    """A Curve25519 private key as `wg genkey` prints it: 32 clamped bytes in base64."""
    raw = bytearray(rng.getrandbits(8) for _ in range(32))
    raw[0] &= 248
    raw[31] = (raw[31] & 127) | 64
    return base64.b64encode(bytes(raw)).decode()


def mapbox_secret(rng: random.Random) -> str:
    """Mapbox secret token: sk. + base64url of {"u": user, "a": token id} + . + 22 characters."""
    user = expand("{L:8}", rng)
    body = json.dumps({"u": user, "a": expand("{l:25}", rng)}, separators=(",", ":")).encode()
    return "sk." + base64.urlsafe_b64encode(body).decode().rstrip("=") + "." + expand("{B:22}", rng)


def jwt(rng: random.Random, header: dict, claims: dict) -> str:
    def enc(obj) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")
    return enc(header) + "." + enc(claims) + "." + expand("{B:43}", rng)


def front_token(rng: random.Random) -> str:
    """Front API tokens are JWTs (HS256) naming the company scope."""
    return jwt(rng, {"alg": "HS256", "typ": "JWT"},
               {"scopes": ["shared:*"], "iat": 1700000000 + rng.randrange(10**7),
                "iss": "front", "sub": expand("{h:20}", rng), "jti": expand("{h:16}", rng)})


def miro_token(rng: random.Random) -> str:
    """Miro REST tokens: base64url of {"miro.origin":"eu01"} + _ + 27 characters."""
    origin = base64.urlsafe_b64encode(b'{"miro.origin":"eu01"}').decode().rstrip("=")
    return origin + "_" + expand("{B:27}", rng)


def grafana_cloud_token(rng: random.Random) -> str:
    """Grafana Cloud access policy token: glc_ + base64 of {"o":org,"n":name,"k":key,"m":{"r":region}}."""
    body = json.dumps({"o": expand("{d:6}", rng), "n": "stack-" + expand("{d:6}", rng) + "-write",
                       "k": expand("{a:24}", rng), "m": {"r": "eu"}}, separators=(",", ":")).encode()
    return "glc_" + base64.b64encode(body).decode()


def pubnub_secret(rng: random.Random) -> str:
    """PubNub secret key: sec-c- + base64 of 35 bytes (48 characters)."""
    return "sec-c-" + base64.b64encode(bytes(rng.getrandbits(8) for _ in range(35))).decode()


def cdp_secret(rng: random.Random) -> str:
    """Coinbase CDP Ed25519 API key secret: base64 of 64 bytes."""
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(64))).decode()


def azure_storage_key(rng: random.Random) -> str:
    """Azure storage account key: base64 of 64 bytes (88 characters, ending ==)."""
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(64))).decode()


def azure_app_config(rng: random.Random) -> str:
    """Azure App Configuration connection string (Endpoint=…;Id=…;Secret=<base64 of 32 bytes>)."""
    secret = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode()
    return (f"Endpoint=https://{expand('{L:8}', rng)}.azconfig.io;Id={expand('{a:4}', rng)}-l0-s0:"
            f"{expand('{a:20}', rng)};Secret={secret}")


def telnyx_key(rng: random.Random) -> str:
    """Telnyx API v2 key: KEY + a 128-bit id in upper-case hex + _ + 22 characters.

    Telnyx documents only the KEY prefix; the id reads as a ULID (a 48-bit millisecond time, then
    80 random bits), so today's keys start KEY01. The time here is drawn from 2020-2026.
    """
    millis = rng.randrange(1_577_836_800_000, 1_798_761_600_000)
    return "KEY" + f"{millis:012X}" + expand("{H:20}_{a:22}", rng)


def slack_webhook(rng: random.Random) -> str:
    return "https://hooks.slack.com/services/" + expand("T{U:8}/B{U:10}/{a:24}", rng)


# ---------------------------------------------------------------- the table

F = Format
FORMATS: list[Format] = [
    # -- source control and registries (checksummed GitHub-style tokens first)
    F("github-pat", "ghp_{a:30}{crc}", "GITHUB_TOKEN", "GitHub: about authentication, token formats (2021 blog: prefix + 30 + CRC-32)"),
    F("github-oauth-token", "gho_{a:30}{crc}", "GH_OAUTH_TOKEN", "GitHub token formats"),
    F("github-user-to-server-token", "ghu_{a:30}{crc}", "GH_USER_TOKEN", "GitHub token formats"),
    F("github-app-installation-token", "ghs_{a:30}{crc}", "GH_APP_TOKEN", "GitHub token formats"),
    F("github-fine-grained-pat", "github_pat_{a:22}_{a:59}", "GITHUB_TOKEN", "GitHub fine-grained PATs (github_pat_ + 22 + _ + 59)"),
    F("npm-access-token", "npm_{a:30}{crc}", "NPM_TOKEN", "npm docs: about access tokens (npm_ + 30 + CRC-32)"),
    F("npm-legacy-token", "{uuid}", "NPM_TOKEN", "npm legacy tokens were UUIDs"),
    F("gitlab-pat", "glpat-{a:20}", "GITLAB_TOKEN", "GitLab docs: token prefixes"),
    F("gitlab-deploy-token", "gldt-{a:20}", "GITLAB_DEPLOY_TOKEN", "GitLab docs: token prefixes (gldt-)"),
    F("gitlab-runner-auth-token", "glrt-{a:20}", "RUNNER_TOKEN", "GitLab docs: token prefixes (glrt-)"),
    F("gitlab-feed-token", "glft-{a:20}", "GITLAB_FEED_TOKEN", "GitLab docs: token prefixes (glft-)"),
    F("gitlab-pipeline-trigger-token", "glptt-{h:40}", "TRIGGER_TOKEN", "GitLab docs: token prefixes (glptt-)"),
    F("gitlab-oauth-app-secret", "gloas-{h:64}", "GITLAB_APP_SECRET", "GitLab docs: token prefixes (gloas-)"),
    F("pypi-upload-token", "".join(["pypi-", "AgEI", "cHlwaS5vcmc"]) + "{B:60}", "PYPI_TOKEN", "PyPI: API tokens (macaroon, pypi- prefix)"),
    F("rubygems-api-key", "rubygems_{h:48}", "GEM_HOST_API_KEY", "RubyGems guides: API key scopes (rubygems_ + 48 hex)"),
    F("nuget-api-key", "oy2{l:43}", "NUGET_API_KEY", "NuGet: API keys (oy2 + 43 lowercase base32)"),
    F("crates-io-token", "cio{a:32}", "CARGO_REGISTRY_TOKEN", "crates.io: API tokens (cio + 32)"),
    F("dockerhub-pat", "dckr_pat_{B:27}", "DOCKERHUB_TOKEN", "Docker Hub: personal access tokens (dckr_pat_)"),
    F("sourcegraph-access-token", "sgp_{h:16}_{h:40}", "SRC_ACCESS_TOKEN", "Sourcegraph docs: access token format v3", "v3"),
    F("sourcegraph-access-token", "sgp_local_{h:40}", "SRC_ACCESS_TOKEN", "Sourcegraph docs: access token format (local)", "local"),
    F("dependency-track-api-key", "odt_{a:32}", "DTRACK_API_KEY", "Dependency-Track 4.x API keys (odt_ + 32)"),
    F("dependency-track-api-key", "odt_{a:8}_{a:32}", "DTRACK_API_KEY", "Dependency-Track 4.13 API keys (odt_ + public id + _ + 32)", "id"),
    F("jenkins-api-token", "11{h:32}", "JENKINS_API_TOKEN", "Jenkins: API tokens (11 + 32 hex since 2.129)"),
    # -- AI
    F("openai-api-key", "sk-proj-{a:74}T3BlbkFJ{a:74}", "OPENAI_API_KEY", "OpenAI project keys (T3BlbkFJ is base64 of 'OpenAI')", placeholder=False),
    F("openai-api-key", "sk-{a:20}T3BlbkFJ{a:20}", "OPENAI_API_KEY", "OpenAI legacy user keys (sk- + 20 + T3BlbkFJ + 20)", "legacy", placeholder=False),
    F("anthropic-api-key", "sk-ant-api03-{B:93}AA", "ANTHROPIC_API_KEY", "Anthropic API keys (sk-ant-api03-, 108 characters)"),
    F("anthropic-admin-key", "sk-ant-admin01-{B:93}AA", "ANTHROPIC_ADMIN_KEY", "Anthropic Admin API keys (sk-ant-admin01-)"),
    F("huggingface-access-token", "hf_{A:34}", "HF_TOKEN", "Hugging Face user access tokens (hf_ + 34 letters)"),
    F("huggingface-org-token", "api_org_{A:34}", "HF_ORG_TOKEN", "Hugging Face organisation API tokens (api_org_)"),
    F("groq-api-key", "gsk_{a:52}", "GROQ_API_KEY", "GroqCloud API keys (gsk_ + 52)"),
    F("replicate-api-token", "r8_{a:37}", "REPLICATE_API_TOKEN", "Replicate API tokens (r8_ + 37)"),
    F("perplexity-api-key", "pplx-{a:48}", "PERPLEXITY_API_KEY", "Perplexity API keys (pplx- + 48)"),
    F("xai-api-key", "xai-{a:80}", "XAI_API_KEY", "xAI API keys (xai- + 80)"),
    F("openrouter-api-key", "sk-or-v1-{h:64}", "OPENROUTER_API_KEY", "OpenRouter API keys (sk-or-v1- + 64 hex)"),
    F("langsmith-api-key", "lsv2_pt_{h:32}_{h:10}", "LANGSMITH_API_KEY", "LangSmith personal access tokens (lsv2_pt_)"),
    F("nvidia-api-key", "nvapi-{B:64}", "NVIDIA_API_KEY", "NVIDIA NGC / build.nvidia.com keys (nvapi- + 64)"),
    # -- chat
    F("slack-bot-token", "xoxb-{d:12}-{d:13}-{a:24}", "SLACK_BOT_TOKEN", "Slack: token types (xoxb-<team>-<bot>-<secret>)"),
    F("slack-user-token", "xoxp-{d:12}-{d:12}-{d:13}-{h:32}", "SLACK_USER_TOKEN", "Slack: token types (xoxp-)"),
    F("slack-app-token", "xapp-1-A{U:10}-{d:13}-{h:64}", "SLACK_APP_TOKEN", "Slack: app-level tokens (xapp-)"),
    F("slack-webhook-url", slack_webhook, "SLACK_WEBHOOK_URL", "Slack: incoming webhooks (hooks.slack.com/services/T…/B…/…)"),
    F("discord-webhook-url", "https://discord.com/api/webhooks/{d:18}/{B:68}", "DISCORD_WEBHOOK", "Discord developer docs: webhook URL"),
    F("telegram-bot-token", "{d:10}:AA{B:33}", "TELEGRAM_BOT_TOKEN", "Telegram Bot API: token <bot id>:<35 characters>"),
    # -- cloud
    F("aws-access-key-id", "AKIA{U:16}", "AWS_ACCESS_KEY_ID", "AWS IAM user guide: access key IDs (AKIA + 16)"),
    F("aws-secret-access-key", "{b:40}", "AWS_SECRET_ACCESS_KEY", "AWS IAM user guide: secret access key (40 base64 characters)"),
    F("gcp-api-key", "AIza{B:35}", "GOOGLE_API_KEY", "Google Cloud API keys (AIza + 35)"),
    F("google-oauth-client-secret", "GOCSPX-{B:28}", "GOOGLE_CLIENT_SECRET", "Google OAuth client secrets (GOCSPX- + 28)"),
    F("azure-storage-account-key", azure_storage_key, "AZURE_STORAGE_KEY", "Azure storage account keys (base64 of 64 bytes)"),
    F("azure-app-configuration-connection-string", azure_app_config, "AZURE_APPCONFIG_CONNECTION_STRING",
      "Azure App Configuration: connection strings (Endpoint=…;Id=…;Secret=…)", secret=r"Secret=(.+)$"),
    F("azure-search-key", "{a:42}AzSe{D:1}{a:5}", "AZURE_SEARCH_ADMIN_KEY", "Azure identifiable keys: AI Search (AzSe signature at 43-46)", placeholder=False),
    F("azure-search-key-legacy", "{H:32}", "AZURE_SEARCH_ADMIN_KEY", "Azure AI Search legacy admin keys (32 uppercase hex)"),
    F("alibaba-access-key-id", "LTAI{a:20}", "ALIBABA_CLOUD_ACCESS_KEY_ID", "Alibaba Cloud AccessKey IDs (LTAI + 20)"),
    F("scaleway-access-key", "SCW{U:17}", "SCW_ACCESS_KEY", "Scaleway docs: API keys (access key SCW + 17)"),
    F("scaleway-secret-key", "{uuid}", "SCW_SECRET_KEY", "Scaleway docs: API keys (secret key is a UUID)"),
    F("vultr-api-key", "{U:36}", "VULTR_API_KEY", "Vultr API v2: 36 uppercase alphanumerics"),
    F("digitalocean-pat", "dop_v1_{h:64}", "DIGITALOCEAN_TOKEN", "DigitalOcean API tokens (dop_v1_ + 64 hex)"),
    # -- platforms (issue 15 §1)
    F("salesforce-access-token", "00D{a:12}!AQ{t:94}", "SF_ACCESS_TOKEN", "Salesforce: session ID / access token (<org id>!<token>)"),
    F("salesforce-refresh-token", "5Aep861{t:80}", "SF_REFRESH_TOKEN", "Salesforce OAuth refresh tokens (5Aep8…)"),
    F("salesforce-consumer-secret", "{H:64}", "SALESFORCE_CLIENT_SECRET", "Salesforce connected app consumer secret (64 hex)"),
    F("salesforce-consumer-secret", "{d:19}", "SALESFORCE_CONSUMER_SECRET", "Salesforce legacy consumer secret (19 digits)", "digits"),
    F("facebook-access-token", "EAAG{a:150}", "FB_ACCESS_TOKEN", "Meta Graph API access tokens (EAA…)"),
    F("facebook-app-secret", "{h:32}", "FACEBOOK_APP_SECRET", "Meta app secret (32 hex)"),
    F("facebook-app-access-token", "{d:16}|{h:32}", "FB_APP_TOKEN", "Meta: app access token (<app id>|<app secret>)"),
    F("twitter-bearer-token", "AAAAAAAAAAAAAAAAAAAAA{a:30}%2B{a:10}%3D{a:50}", "TWITTER_BEARER_TOKEN", "X API: app-only bearer tokens (URL-encoded)"),
    F("twitter-api-key", "{a:25}", "TWITTER_API_KEY", "X API: consumer keys (25)"),
    F("twitter-api-secret", "{a:50}", "TWITTER_API_SECRET", "X API: consumer secrets (50)"),
    F("twitter-access-token", "{d:19}-{a:40}", "TWITTER_ACCESS_TOKEN", "X API: access tokens (<user id>-<token>)"),
    F("twitter-access-token-secret", "{a:45}", "TWITTER_ACCESS_TOKEN_SECRET", "X API: access token secrets (45)"),
    F("pagerduty-api-key", "u+{B:18}", "PAGERDUTY_API_KEY", "PagerDuty REST API keys (20 characters; user tokens start u+)"),
    F("pagerduty-integration-key", "{h:32}", "PAGERDUTY_ROUTING_KEY", "PagerDuty Events API v2 integration keys (32)"),
    F("adobe-client-secret", "p8e-{a:32}", "ADOBE_CLIENT_SECRET", "Adobe Developer Console OAuth client secrets (p8e-)"),
    F("box-access-token", "{a:32}", "BOX_DEVELOPER_TOKEN", "Box developer tokens (32)"),
    F("box-client-secret", "{a:32}", "BOX_CLIENT_SECRET", "Box app client secrets (32)"),
    F("trello-api-token", "ATTA{h:64}{H:8}", "TRELLO_TOKEN", "Trello API tokens (ATTA + 64 hex + 8-character checksum)"),
    F("splunk-hec-token", "{uuid}", "SPLUNK_HEC_TOKEN", "Splunk HTTP Event Collector tokens (GUID)"),
    F("opsgenie-api-key", "{uuid}", "OPSGENIE_API_KEY", "Opsgenie API keys (GUID)"),
    F("zapier-webhook-url", "https://hooks.zapier.com/hooks/catch/{d:7}/{l:6}/", "ZAPIER_HOOK", "Zapier: catch hooks"),
    F("bitly-access-token", "{h:40}", "BITLY_ACCESS_TOKEN", "Bitly API v4 access tokens (40 hex)"),
    F("linkedin-client-secret", "{a:16}", "LINKEDIN_CLIENT_SECRET", "LinkedIn app client secrets (16)"),
    F("coinbase-legacy-api-secret", "{a:32}", "COINBASE_API_SECRET", "Coinbase legacy API key secrets (32)"),
    F("coinbase-cdp-api-key-secret", cdp_secret, "CDP_API_KEY_SECRET", "Coinbase CDP Ed25519 API key secrets (base64 of 64 bytes)"),
    F("infura-endpoint-url", "https://mainnet.infura.io/v3/{h:32}", "ETH_RPC_URL", "Infura: endpoint URLs (<network>.infura.io/v3/<API key>)", secret=r"/v3/(.+)$"),
    F("infura-api-key", "{h:32}", "INFURA_API_KEY", "Infura API keys (32 hex)"),
    F("alchemy-endpoint-url", "https://eth-mainnet.g.alchemy.com/v2/{B:32}", "ALCHEMY_URL", "Alchemy: endpoint URLs (…g.alchemy.com/v2/<API key>)", secret=r"/v2/(.+)$"),
    F("etherscan-api-key", "{U:34}", "ETHERSCAN_API_KEY", "Etherscan API keys (34 uppercase alphanumerics)"),
    F("zoho-oauth-token", "1000.{h:32}.{h:32}", "ZOHO_REFRESH_TOKEN", "Zoho OAuth tokens (1000.<hex>.<hex>)"),
    F("zoho-client-secret", "{h:42}", "ZOHO_CLIENT_SECRET", "Zoho API console client secrets (42 hex)"),
    F("pipedrive-api-token", "{h:40}", "PIPEDRIVE_API_TOKEN", "Pipedrive API tokens (40 hex)"),
    F("front-api-token", front_token, "FRONT_API_TOKEN", "Front: API tokens are JWTs"),
    F("smartsheet-access-token", "{a:37}", "SMARTSHEET_ACCESS_TOKEN", "Smartsheet API access tokens (37; legacy 26)"),
    F("todoist-api-token", "{h:40}", "TODOIST_API_TOKEN", "Todoist API tokens (40 hex)"),
    F("spotify-client-secret", "{h:32}", "SPOTIFY_CLIENT_SECRET", "Spotify Web API client secrets (32 hex)"),
    F("pubnub-secret-key", pubnub_secret, "PUBNUB_SECRET_KEY", "PubNub keys (sec-c- + base64)"),
    F("pubnub-publish-key", "pub-c-{uuid}", "PUBNUB_PUBLISH_KEY", "PubNub keys (pub-c- + UUID)"),
    F("recaptcha-secret-key", "6L{B:38}", "RECAPTCHA_SECRET_KEY", "Google reCAPTCHA secret keys (6L + 38)"),
    F("shodan-api-key", "{a:32}", "SHODAN_API_KEY", "Shodan API keys (32)"),
    F("lokalise-api-token", "{h:40}", "LOKALISE_API_TOKEN", "Lokalise API tokens (40 hex)"),
    F("bugsnag-api-key", "{h:32}", "BUGSNAG_API_KEY", "Bugsnag notifier API keys (32 hex)"),
    F("posthog-personal-api-key", "phx_{a:47}", "POSTHOG_PERSONAL_API_KEY", "PostHog personal API keys (phx_)"),
    F("onesignal-api-key", "os_v2_app_{2:113}", "ONESIGNAL_REST_API_KEY", "OneSignal REST API keys v2 (os_v2_app_ + base32)"),
    F("klaviyo-private-api-key", "pk_{h:34}", "KLAVIYO_PRIVATE_KEY", "Klaviyo private API keys (pk_ + 34 hex)"),
    F("miro-access-token", miro_token, "MIRO_ACCESS_TOKEN", "Miro REST API access tokens"),
    F("clickup-api-token", "pk_{d:8}_{U:32}", "CLICKUP_API_TOKEN", "ClickUp personal API tokens (pk_<user id>_<32>)"),
    F("coveralls-repo-token", "{a:32}", "COVERALLS_REPO_TOKEN", "Coveralls repo tokens (32 alphanumerics)"),
    F("cloudsmith-api-key", "{h:40}", "CLOUDSMITH_API_KEY", "Cloudsmith API keys (40 hex)"),
    F("honeycomb-ingest-key", "hcaik_{l:26}{a:32}", "HONEYCOMB_API_KEY", "Honeycomb ingest keys (hcaik_ + 26-character id + 32 secret)"),
    F("honeycomb-api-key", "{h:32}", "HONEYCOMB_API_KEY", "Honeycomb classic API keys (32 hex)", "classic"),
    F("telnyx-api-key", telnyx_key, "TELNYX_API_KEY", "Telnyx API v2 keys (KEY + 32 uppercase hex + _ + 22); Telnyx documents only KEY…"),
    F("shippo-live-api-token", "shippo_live_{h:40}", "SHIPPO_API_TOKEN", "Shippo API tokens (shippo_live_ + 40 hex)"),
    F("sendbird-api-token", "{h:40}", "SENDBIRD_API_TOKEN", "Sendbird Platform API tokens (40 hex)"),
    F("maxmind-license-key", "{a:36}_mmk", "MAXMIND_LICENSE_KEY", "MaxMind license keys, 2023 format (40 characters ending _mmk)"),
    F("maxmind-legacy-license-key", "{a:16}", "MAXMIND_LICENSE_KEY", "MaxMind legacy license keys (16)"),
    F("finnhub-api-key", "{l:20}", "FINNHUB_API_KEY", "Finnhub API keys (20 lowercase alphanumerics)"),
    # -- infrastructure (issue 15 §1)
    F("vault-service-token", "hvs.CAESI{B:86}", "VAULT_TOKEN", "Vault 1.10 token formats (hvs. + 90 or more)"),
    F("vault-service-token", "hvr.CAESI{B:86}", "VAULT_RECOVERY_TOKEN", "Vault 1.10 token formats (recovery tokens hvr.)", "recovery"),
    F("vault-batch-token", "hvb.AAAAAQ{B:140}", "VAULT_TOKEN", "Vault 1.10 token formats (hvb. + 138 or more)"),
    F("vault-legacy-token", "s.{a:24}", "VAULT_TOKEN", "Vault pre-1.10 service tokens (s. + 24)"),
    F("vault-legacy-token", "hvs.{a:24}", "VAULT_TOKEN", "Vault 1.10+ root tokens (hvs. + 24, as vault operator init / server -dev print them)", "root"),
    F("truenas-api-key", "{d:1}-{a:64}", "TRUENAS_API_KEY", "TrueNAS API keys (<id>-<64>)"),
    F("wireguard-private-key-context", wireguard_key, "WG_PRIVATE_KEY", "WireGuard: wg genkey (base64 of a clamped Curve25519 key)"),
    F("twitch-stream-key", "live_{d:9}_{a:30}", "TWITCH_STREAM_KEY", "Twitch stream keys (live_<user id>_<30>)"),
    F("newrelic-legacy-license-key", "{h:40}", "NEW_RELIC_LICENSE_KEY", "New Relic legacy license keys (40 hex)"),
    F("newrelic-license-key", "eu01xx{h:30}NRAL", "NEW_RELIC_LICENSE_KEY", "New Relic license keys (40, ending NRAL)", "nral"),
    F("newrelic-user-api-key", "NRAK-{U:27}", "NEW_RELIC_API_KEY", "New Relic user keys (NRAK- + 27)"),
    F("mongodb-atlas-service-account-secret", "mdb_sa_sk_{a:40}", "MONGODB_ATLAS_CLIENT_SECRET", "MongoDB Atlas service accounts (mdb_sa_sk_; length not documented)"),
    F("mongodb-atlas-private-api-key", "{uuid}", "MONGODB_ATLAS_PRIVATE_KEY", "MongoDB Atlas programmatic API keys (private key is a UUID)"),
    F("asana-pat", "2/{d:16}/{d:16}:{h:32}", "ASANA_TOKEN", "Asana personal access tokens (2/<user>/<app>:<32 hex>)"),
    F("asana-pat", "1/{d:16}:{h:32}", "ASANA_PAT", "Asana personal access tokens, v1 (1/<user>:<32 hex>)", "v1"),
    F("mapbox-secret-token", mapbox_secret, "MAPBOX_SECRET_TOKEN", "Mapbox access tokens (sk. + base64url JSON + . + 22)"),
    F("kubernetes-bootstrap-token", "{l:6}.{l:16}", "KUBEADM_TOKEN", "Kubernetes: bootstrap tokens ([a-z0-9]{6}.[a-z0-9]{16})", placeholder=False),
    # -- observability, devops, saas (cheap, distinctive prefixes)
    F("datadog-api-key", "{h:32}", "DD_API_KEY", "Datadog API keys (32 hex)"),
    F("grafana-cloud-api-token", grafana_cloud_token, "GRAFANA_CLOUD_TOKEN", "Grafana Cloud access policy tokens (glc_ + base64 JSON)"),
    F("grafana-service-account-token", "glsa_{a:32}_{h:8}", "GRAFANA_TOKEN", "Grafana service account tokens (glsa_ + 32 + _ + 8 hex)"),
    F("sentry-user-token", "sntryu_{h:64}", "SENTRY_AUTH_TOKEN", "Sentry user auth tokens (sntryu_ + 64 hex)"),
    F("terraform-cloud-token", "{a:14}.atlasv1.{B:67}", "TFE_TOKEN", "HCP Terraform API tokens (<14>.atlasv1.<67>)"),
    F("pulumi-access-token", "pul-{h:40}", "PULUMI_ACCESS_TOKEN", "Pulumi access tokens (pul- + 40 hex)"),
    F("doppler-token", "dp.pt.{a:43}", "DOPPLER_TOKEN", "Doppler token formats (dp.pt. + 43)"),
    F("supabase-pat", "sbp_{h:40}", "SUPABASE_ACCESS_TOKEN", "Supabase personal access tokens (sbp_ + 40 hex)"),
    F("planetscale-api-token", "pscale_tkn_{B:43}", "PLANETSCALE_TOKEN", "PlanetScale service tokens (pscale_tkn_)"),
    F("databricks-api-token", "dapi{h:32}", "DATABRICKS_TOKEN", "Databricks personal access tokens (dapi + 32 hex)"),
    F("linear-api-key", "lin_api_{a:40}", "LINEAR_API_KEY", "Linear API keys (lin_api_ + 40)"),
    F("postman-api-key", "PMAK-{h:24}-{h:34}", "POSTMAN_API_KEY", "Postman API keys (PMAK-<24 hex>-<34 hex>)"),
    F("figma-pat", "figd_{B:40}", "FIGMA_TOKEN", "Figma personal access tokens (figd_)"),
    F("airtable-pat", "pat{a:14}.{h:64}", "AIRTABLE_TOKEN", "Airtable personal access tokens (pat<14>.<64 hex>)"),
    F("notion-integration-token", "ntn_{d:11}{a:35}", "NOTION_TOKEN", "Notion integration tokens (ntn_, since 2024)"),
    F("dynatrace-api-token", "dt0c01.{U:24}.{U:64}", "DT_API_TOKEN", "Dynatrace token format (dt0c01.<24>.<64>)"),
    F("age-secret-key", "AGE-SECRET-KEY-1{8:58}", "AGE_KEY", "age: X25519 identity (Bech32, AGE-SECRET-KEY-1 + 58)", placeholder=False),
    F("twilio-api-key-sid", "SK{h:32}", "TWILIO_API_KEY", "Twilio API key SIDs (SK + 32 hex)"),
    F("twilio-auth-token", "{h:32}", "TWILIO_AUTH_TOKEN", "Twilio auth tokens (32 hex)"),
    F("sendgrid-api-key", "SG.{B:22}.{B:43}", "SENDGRID_API_KEY", "SendGrid API keys (SG.<22>.<43>)"),
    F("mailchimp-api-key", "{h:32}-us{d:2}", "MAILCHIMP_API_KEY", "Mailchimp API keys (<32 hex>-<data centre>)"),
    F("brevo-api-key", "xkeysib-{h:64}-{a:16}", "BREVO_API_KEY", "Brevo API v3 keys (xkeysib-)"),
    F("stripe-secret-key", "sk_live_{a:24}", "STRIPE_SECRET_KEY", "Stripe: API keys (sk_live_)"),
    F("stripe-secret-key", "sk_live_51{a:97}", "STRIPE_SECRET_KEY", "Stripe: API keys (sk_live_, current length)", "long"),
    F("stripe-restricted-key", "rk_live_51{a:97}", "STRIPE_RESTRICTED_KEY", "Stripe: restricted keys (rk_live_)"),
    F("stripe-webhook-secret", "whsec_{a:32}", "STRIPE_WEBHOOK_SECRET", "Stripe: webhook signing secrets (whsec_)"),
    F("square-access-token", "EAAA{B:60}", "SQUARE_ACCESS_TOKEN", "Square access tokens (EAAA + 60)"),
    F("shopify-access-token", "shpat_{h:32}", "SHOPIFY_TOKEN", "Shopify access tokens (shpat_ + 32 hex)"),
    F("shopify-shared-secret", "shpss_{h:32}", "SHOPIFY_SHARED_SECRET", "Shopify app shared secrets (shpss_ + 32 hex)"),
    F("flutterwave-secret-key", "FLWSECK-{h:32}-X", "FLW_SECRET_KEY", "Flutterwave secret keys (FLWSECK-<32 hex>-X)"),
    # -- more documented prefixes (cheap to cover)
    F("google-oauth-access-token", "ya29.a0{B:150}", "GOOGLE_ACCESS_TOKEN", "Google OAuth 2.0 access tokens (ya29.)"),
    F("gitlab-runner-registration-token", "GR1348941{B:20}", "REGISTRATION_TOKEN", "GitLab docs: token prefixes (GR1348941)"),
    F("gitlab-incoming-mail-token", "glimt-{l:25}", "INCOMING_EMAIL_TOKEN", "GitLab docs: token prefixes (glimt-)"),
    F("gitlab-agent-token", "glagent-{B:50}", "GITLAB_AGENT_TOKEN", "GitLab docs: token prefixes (glagent-)"),
    F("gitlab-scim-token", "glsoat-{B:20}", "GITLAB_SCIM_TOKEN", "GitLab docs: token prefixes (glsoat-)"),
    F("gitlab-feature-flag-client-token", "glffct-{B:20}", "UNLEASH_INSTANCE_TOKEN", "GitLab docs: token prefixes (glffct-)"),
    F("testpypi-upload-token", "".join(["pypi-", "AgEN", "dGVzdC5weXBpLm9yZw"]) + "{B:60}", "TEST_PYPI_TOKEN", "TestPyPI API tokens (macaroon for test.pypi.org)"),
    F("clojars-api-token", "CLOJARS_{h:60}", "CLOJARS_TOKEN", "Clojars deploy tokens (CLOJARS_ + 60)"),
    F("dockerhub-oat", "dckr_oat_{B:32}", "DOCKERHUB_ORG_TOKEN", "Docker Hub organisation access tokens (dckr_oat_)"),
    F("digitalocean-oauth-token", "doo_v1_{h:64}", "DO_OAUTH_TOKEN", "DigitalOcean OAuth tokens (doo_v1_ + 64 hex)"),
    F("digitalocean-refresh-token", "dor_v1_{h:64}", "DO_REFRESH_TOKEN", "DigitalOcean refresh tokens (dor_v1_ + 64 hex)"),
    F("newrelic-insights-key", "NRII-{B:32}", "NEW_RELIC_INSERT_KEY", "New Relic Insights insert keys (NRII-)"),
    F("newrelic-rest-api-key", "NRRA-{h:42}", "NEW_RELIC_REST_KEY", "New Relic REST API keys (NRRA-)"),
    F("planetscale-password", "pscale_pw_{B:43}", "DATABASE_PASSWORD", "PlanetScale passwords (pscale_pw_)"),
    F("sonarqube-token", "squ_{h:40}", "SONAR_TOKEN", "SonarQube 9.5+ user tokens (squ_ + 40 hex)"),
    F("circleci-token", "CCIPAT_{a:22}_{h:40}", "CIRCLE_TOKEN", "CircleCI personal API tokens (CCIPAT_)"),
    F("buildkite-api-token", "bkua_{h:40}", "BUILDKITE_API_TOKEN", "Buildkite API access tokens (bkua_ + 40 hex)"),
    F("openshift-user-token", "sha256~{B:43}", "OPENSHIFT_TOKEN", "OpenShift OAuth access tokens (sha256~ + 43)"),
    F("notion-legacy-token", "secret_{a:43}", "NOTION_TOKEN", "Notion integration tokens before 2024 (secret_ + 43)"),
    F("hubspot-private-app-token", "pat-na1-{uuid}", "HUBSPOT_ACCESS_TOKEN", "HubSpot private app access tokens (pat-<region>-<uuid>)"),
    F("contentful-pat", "CFPAT-{B:43}", "CONTENTFUL_MANAGEMENT_TOKEN", "Contentful personal access tokens (CFPAT-)"),
    F("launchdarkly-sdk-key", "sdk-{uuid}", "LAUNCHDARKLY_SDK_KEY", "LaunchDarkly server-side SDK keys (sdk-<uuid>)"),
    F("launchdarkly-api-token", "api-{uuid}", "LAUNCHDARKLY_API_TOKEN", "LaunchDarkly API access tokens (api-<uuid>)"),
    F("prefect-api-key", "pnu_{a:36}", "PREFECT_API_KEY", "Prefect Cloud API keys (pnu_ + 36)"),
    F("easypost-api-key", "EZAK{h:54}", "EASYPOST_API_KEY", "EasyPost production API keys (EZAK)"),
    F("mailgun-api-key-legacy", "key-{h:32}", "MAILGUN_API_KEY", "Mailgun legacy private API keys (key- + 32 hex)"),
    F("postmark-server-token", "{uuid}", "POSTMARK_SERVER_TOKEN", "Postmark server API tokens (UUID)"),
    F("mailersend-api-token", "mlsn.{h:64}", "MAILERSEND_API_KEY", "MailerSend API tokens (mlsn. + 64 hex)"),
    F("square-oauth-secret", "sq0csp-{B:43}", "SQUARE_APPLICATION_SECRET", "Square application secrets (sq0csp-)"),
    F("braintree-access-token", "access_token$production${l:16}${h:32}", "BRAINTREE_ACCESS_TOKEN", "Braintree (PayPal) access tokens"),
    F("plaid-access-token", "access-production-{uuid}", "PLAID_ACCESS_TOKEN", "Plaid access tokens (access-<environment>-<uuid>)"),
    F("razorpay-live-key-id", "rzp_live_{a:14}", "RAZORPAY_KEY_ID", "Razorpay live key ids (rzp_live_ + 14)"),
    F("mollie-api-key", "live_{a:30}", "MOLLIE_API_KEY", "Mollie live API keys (live_ + 30)"),
    F("microsoft-teams-webhook-url", "https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{h:32}/{uuid}",
      "TEAMS_WEBHOOK_URL", "Microsoft Teams incoming webhook URLs (webhookb2)"),
    F("shopify-custom-app-token", "shpca_{h:32}", "SHOPIFY_CUSTOM_APP_TOKEN", "Shopify custom app tokens (shpca_)"),
    F("shopify-private-app-token", "shppa_{h:32}", "SHOPIFY_PRIVATE_APP_TOKEN", "Shopify private app tokens (shppa_)"),
    F("langfuse-secret-key", "sk-lf-{uuid}", "LANGFUSE_SECRET_KEY", "Langfuse secret keys (sk-lf-<uuid>)"),
    # -- generic assignments
    F("generic-password", "{a:12}!{a:3}#{a:2}", "DB_PASSWORD", "(generic assignment: a generated password with punctuation)", placeholder=False),
    F("generic-api-key", "{a:32}", "PAYMENTS_API_KEY", "(generic assignment)", placeholder=False),
]

# Families for the per-family summary (default: provider).
FAMILY = {
    "generic-password": "generic", "generic-api-key": "generic",
}
