// libFuzzer target: the unified-diff reader (`DiffStream` over `UnifiedDiffParser`).
//
// The first byte sets the chunk size the stream is fed in; the output must not depend on it
// (the same bytes in one chunk give the same patches), and each patch must have one line
// number per added line, each at least 0.
@testable import HoundInputs
import HoundModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiff(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let first = input.first else { return 0 }
    let diff = Array(input.dropFirst())
    let chunked = patches(of: diff, chunk: 1 + Int(first) % 64)
    let whole = patches(of: diff, chunk: max(1, diff.count))
    fuzzCheck(chunked == whole, "chunking changed the patches of \(fuzzLiteral(diff))")
    for (patch, _) in whole {
        if patch.lineNumbers.isEmpty {
            fuzzCheck(patch.addedBytes.isEmpty, "added bytes without lines in \(fuzzLiteral(diff))")
        } else {
            let lines = patch.addedBytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
            fuzzCheck(lines == patch.lineNumbers.count, "\(lines) added lines, \(patch.lineNumbers.count) numbers in \(fuzzLiteral(diff))")
        }
        _ = patch.path.display
        if let fragment = DiffStream.fragment(for: patch, provenance: .staged).0 {
            for line in 0...(fragment.lineNumbers?.count ?? 0) + 1 { _ = fragment.fileLine(line) }
        }
    }
    return 0
}

private func patches(of bytes: [UInt8], chunk: Int) -> [(FilePatch, CommitInfo?)] {
    var stream = DiffStream()
    var out: [(FilePatch, CommitInfo?)] = []
    var offset = 0
    bytes.withUnsafeBufferPointer { buffer in
        while offset < buffer.count {
            let end = min(buffer.count, offset + chunk)
            stream.feed(UnsafeBufferPointer(rebasing: buffer[offset..<end])) { out.append(($0, $1)) }
            offset = end
        }
    }
    stream.finish { out.append(($0, $1)) }
    return out
}

private func == (lhs: [(FilePatch, CommitInfo?)], rhs: [(FilePatch, CommitInfo?)]) -> Bool {
    lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
}
