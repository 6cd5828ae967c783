import HoundSupport
import Testing

/// PBKDF2-HMAC-SHA-256 against published vectors: RFC 7914 §11 (one iteration; its 80,000
/// iteration vector takes 10 s in a debug build) and the widely published 4,096-iteration one
/// (the same as OpenSSL's `PKCS5_PBKDF2_HMAC`).
@Suite struct PBKDF2Tests {
    @Test func rfc7914OneIteration() {
        let key = PBKDF2.sha256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(
            Hex.encode(key)
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    @Test func fourThousandNinetySixIterations() {
        let key = PBKDF2.sha256(password: Array("password".utf8), salt: Array("salt".utf8), iterations: 4096)
        #expect(Hex.encode(key) == "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    @Test func longPasswordsAreHashedFirstAsInHMAC() {
        let password = [UInt8](repeating: 0x61, count: 100)
        let two = PBKDF2.sha256(password: password, salt: [1, 2, 3], iterations: 2)
        let one = PBKDF2.sha256(password: password, salt: [1, 2, 3], iterations: 1)
        #expect(two != one)
        #expect(one == HMACSHA256.authenticationCode(key: password, message: [1, 2, 3, 0, 0, 0, 1]))
    }
}
