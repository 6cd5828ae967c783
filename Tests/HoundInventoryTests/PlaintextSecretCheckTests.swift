import Testing

@testable import HoundInventory

@Suite struct PlaintextSecretCheckTests {
    @Test(arguments: ["secret", "token", "password", "api_key", "API-Key", "client_secret", "db_password", "github_token", "key", "value"])
    func secretFieldNames(_ name: String) {
        #expect(PlaintextSecretCheck.isSecretFieldName(name))
    }

    @Test(arguments: ["keys", "owner", "description", "fingerprint", "provider_id", "rotation_frequency", "monkey"])
    func ordinaryFieldNames(_ name: String) {
        #expect(!PlaintextSecretCheck.isSecretFieldName(name))
    }

    static let shapes: [(String, String)] = [
        ("token " + FakeSecret.githubToken(), "a GitHub token"),
        (FakeSecret.stripeKey(), "a Stripe key"),
        ("AK" + "IA" + "IOSFODNN7EXAMPL3", "an AWS access key id"),
        ("xo" + "xb-" + "1234567890-abcdefghij", "a Slack token"),
        ("-----BEGIN " + "RSA PRIVATE KEY-----", "a PEM private key"),
        ("postgres://app:" + "hunter2@db.internal/app", "a URL with a password"),
        ("ey" + "J" + FakeSecret.random(30, seed: 3) + ".eyJzdWIiOiIxIn0.x", "a JSON web token"),
        ("see " + FakeSecret.random(24, seed: 4), "a random-looking string"),
    ]

    @Test(arguments: shapes)
    func recognisesShapes(_ text: String, _ shape: String) {
        #expect(PlaintextSecretCheck.secretShape(in: text, checkEntropy: true) == shape)
    }

    @Test(arguments: [
        "Stripe production key for payments",
        "billing-service-2024-prod",
        "CamelCaseServiceName2024Prod",
        "PaymentGatewayProd2026Key",
        "MyCompanyBillingServiceV2",
        "JIRA-SEC-1234-RotateStripeKey",
        "550e8400-e29b-41d4-a716-446655440000",
        "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "arn:aws:iam::123456789012:role/rotate",
        "https://wiki.example.com/Security/KeyRotation2026",
        "postgres://app:${DB_PASSWORD}@db.internal/app",
        "ask_live_is_not_a_prefix",
    ])
    func leavesOrdinaryTextAlone(_ text: String) {
        #expect(PlaintextSecretCheck.secretShape(in: text, checkEntropy: true) == nil)
    }
}
