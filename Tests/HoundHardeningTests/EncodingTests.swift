import Foundation
import Testing

@testable import HoundCLI

/// Bytes that are not plain UTF-8 text: binary files, invalid UTF-8, UTF-16 with and without a
/// byte-order mark. None may crash the scanner; text encodings that can carry a secret are
/// scanned.
@Suite(.timeLimit(.minutes(1)))
struct EncodingTests {
    let secret = KnownSecrets.stripe

    @Test func binaryFileIsSkippedAndCounted() throws {
        let scratch = try Scratch()
        try scratch.write("image.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00] + Array("key = \"\(secret)\"".utf8))
        let run = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(run.status == .clean)
        #expect(run.out.contains("skipped 1 binary"), "\(run.all)")
    }

    @Test func invalidUTF8AroundASecretIsScanned() throws {
        let scratch = try Scratch()
        try scratch.write(
            "mixed.txt",
            [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x0A] + Array("key = \"\(secret)\" \u{FFFD}".utf8) + [
                0xE2, 0x82,
            ])
        let run = keyhound(["scan", ".", "--no-progress", "-f", "json"], in: scratch.path)
        #expect(run.status == .findings, "\(run.all)")
        #expect(run.out.contains("\"line\": 2") || run.out.contains("\"line\":2"), "\(run.out)")
        #expect(!run.out.contains(secret))
    }

    @Test(arguments: [("le", [UInt8]([0xFF, 0xFE])), ("be", [UInt8]([0xFE, 0xFF]))])
    func utf16WithByteOrderMarkIsDecodedAndScanned(_ order: String, _ mark: [UInt8]) throws {
        let scratch = try Scratch()
        let text = "# settings\r\nkey = \"\(secret)\"\r\n"
        let units = Array(text.utf16)
        let bytes =
            mark
            + units.flatMap { unit -> [UInt8] in
                let high = UInt8(unit >> 8)
                let low = UInt8(unit & 0xFF)
                return order == "le" ? [low, high] : [high, low]
            }
        try scratch.write("utf16-\(order).txt", bytes)
        let run = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(run.status == .findings, "\(run.all)")
        #expect(run.out.contains("utf16-\(order).txt:2:"), "line numbers survive the transcoding: \(run.out)")
    }

    @Test func utf16WithoutByteOrderMarkStaysBinary() throws {
        let scratch = try Scratch()
        let bytes: [UInt8] = "key = \"\(secret)\"\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try scratch.write("nobom.txt", bytes)
        let run = keyhound(["scan", ".", "--no-progress"], in: scratch.path)
        #expect(run.status == .clean)
        #expect(run.out.contains("skipped 1 binary"), "\(run.all)")
    }

    @Test func utf16BlobInHistoryIsScanned() throws {
        let scratch = try Scratch()
        let repo = try GitRepo(scratch)
        let bytes: [UInt8] =
            [0xFF, 0xFE] + "token = \"\(secret)\"\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try Data(bytes).write(to: URL(fileURLWithPath: repo.path + "/windows.ps1"))
        try repo.commit("add a PowerShell profile")
        let run = keyhound(["scan", "--history", "--no-progress"], in: repo.path)
        #expect(run.status == .findings, "\(run.all)")
        #expect(run.out.contains("windows.ps1"))
    }

    @Test func stdinWithNULsAndInvalidBytesDoesNotCrash() throws {
        let scratch = try Scratch()
        var garbage: [UInt8] = []
        var state: UInt32 = 12345
        for _ in 0..<200_000 {
            state = state &* 1_103_515_245 &+ 12345
            garbage.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        let run = keyhound(
            ["scan", "-", "--no-progress"], in: scratch.path, stdin: garbage + Array(" \(secret) ".utf8))
        #expect(run.status == .findings || run.status == .clean, "\(run.all)")
    }
}
