import HoundSupport
import Testing

/// RFC 4231 section 4: all seven HMAC-SHA-256 test cases.
@Suite struct HMACSHA256Tests {
    /// A key, a message and the expected MAC (test case 5 is truncated to 128 bits).
    struct Case: CustomTestStringConvertible, Sendable {
        let number: Int
        let key: [UInt8]
        let message: [UInt8]
        let mac: String
        var testDescription: String { "RFC 4231 case \(number)" }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    static func repeated(_ byte: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: byte, count: count) }

    static let cases: [Case] = [
        Case(
            number: 1, key: repeated(0x0b, 20), message: bytes("Hi There"),
            mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Case(
            number: 2, key: bytes("Jefe"), message: bytes("what do ya want for nothing?"),
            mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Case(
            number: 3, key: repeated(0xaa, 20), message: repeated(0xdd, 50),
            mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Case(
            number: 4, key: Array(1...25), message: repeated(0xcd, 50),
            mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Case(
            number: 5, key: repeated(0x0c, 20), message: bytes("Test With Truncation"),
            mac: "a3b6167473100ee06e0c796c2955552b"),
        Case(
            number: 6, key: repeated(0xaa, 131),
            message: bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
            mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Case(
            number: 7, key: repeated(0xaa, 131),
            message: bytes(
                "This is a test using a larger than block-size key and a larger than block-size data."
                    + " The key needs to be hashed before being used by the HMAC algorithm."),
            mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: cases)
    func authenticationCode(_ testCase: Case) {
        let mac = Hex.encode(HMACSHA256.authenticationCode(key: testCase.key, message: testCase.message))
        // Case 5 specifies only the first 128 bits of the output.
        #expect(mac.prefix(testCase.mac.count) == testCase.mac)
    }

    @Test func keyOfExactlyOneBlockIsNotHashed() {
        let key = [UInt8](repeating: 0x61, count: 64)
        // Python: hmac.new(b"a" * 64, b"message", hashlib.sha256).hexdigest()
        #expect(
            Hex.encode(HMACSHA256.authenticationCode(key: key, message: Array("message".utf8)))
                == "6117f44d3e99fd884a6c9dc786e91e812c2a7b1c6240231edfcfe60343ff61cb")
    }
}
