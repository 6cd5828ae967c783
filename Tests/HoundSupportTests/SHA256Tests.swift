import HoundSupport
import Testing

/// FIPS 180-4 examples, NIST CAVP byte-oriented vectors, and messages around the padding edges.
@Suite struct SHA256Tests {
    /// A message and its digest.
    struct Vector: CustomTestStringConvertible, Sendable {
        let name: String
        let message: [UInt8]
        let digest: String
        var testDescription: String { name }
    }

    static func text(_ name: String, _ message: String, _ digest: String) -> Vector {
        Vector(name: name, message: Array(message.utf8), digest: digest)
    }

    static func hex(_ message: String, _ digest: String) -> Vector {
        Vector(name: "CAVP Len=\(message.count * 4)", message: Hex.decode(message) ?? [], digest: digest)
    }

    /// FIPS 180-4 / NIST "Examples with intermediate values".
    static let fips: [Vector] = [
        text("empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        text("abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        text(
            "448-bit", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        text(
            "896-bit",
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    /// From SHA256ShortMsg.rsp (CAVS 11.0, byte-oriented).
    static let cavp: [Vector] = [
        hex("d3", "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1"),
        hex("11af", "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98"),
        hex("b4190e", "dff2e73091f6c05e528896c4c831b9448653dc2ff043528f6769437bc7b975c2"),
        hex("74ba2521", "b16aa56be3880d18cd41e68384cf1ec8c17680c45a02b1575dc1518923ae8b0e"),
        hex("5738c929c4f4ccb6", "963bb88f27f512777aab6c8b1a02c70ec0ad651d428f870036e1917120fb48bf"),
        hex("0a27847cdc98bd6f62220b046edd762b", "80c25ec1600587e7f28b18b1b18e3cdc89928e39cab3bc25e4d4a4c139bcedc4"),
    ]

    /// Messages whose length sits at the padding boundaries: byte `i` is `(7i + 3) mod 256`.
    /// Digests cross-checked against Python's `hashlib` and coreutils' `sha256sum`.
    static let boundaries: [Vector] = [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
    ].map { length, digest in
        Vector(name: "\(length) bytes", message: pattern(length), digest: digest)
    }

    static func pattern(_ length: Int) -> [UInt8] { (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) } }

    @Test(arguments: fips + cavp + boundaries)
    func digest(_ vector: Vector) {
        #expect(SHA256.hexDigest(vector.message) == vector.digest)
    }

    @Test func oneMillionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 100])
    func incrementalUpdatesMatchOneShot(chunk: Int) {
        let message = SHA256Tests.pattern(300)
        var hasher = SHA256()
        var start = 0
        while start < message.count {
            hasher.update(message[start..<min(start + chunk, message.count)])
            start += chunk
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func nonContiguousInputIsCopiedFirst() {
        let abc = Array("abc".utf8).lazy.map { $0 }
        #expect(SHA256.hexDigest(abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func hexRoundTrip() {
        #expect(Hex.encode([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
        #expect(Hex.decode("000FabFF") == [0x00, 0x0f, 0xab, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
