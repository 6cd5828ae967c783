// Regenerates the embedded copies of patterns/*.toml and hooks/* (run from the package root):
//   swift run keyhound-embed          write the generated files
//   swift run keyhound-embed --check  exit 1 if they are stale
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import HoundRules

let root = FileManager.default.currentDirectoryPath
let check = CommandLine.arguments.contains("--check")

func files(in folder: String, suffix: String) -> [(name: String, text: String)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)")) ?? []
    return names.filter { $0.hasSuffix(suffix) && !$0.hasPrefix(".") }.sorted().compactMap { name in
        guard let data = FileManager.default.contents(atPath: "\(root)/\(folder)/\(name)") else { return nil }
        return (name, String(decoding: data, as: UTF8.self))
    }
}

/// Writes (or, with --check, compares) one generated file; returns whether it was stale.
func refresh(_ text: String, to path: String) -> Bool {
    let full = "\(root)/\(path)"
    let current = FileManager.default.contents(atPath: full).map { String(decoding: $0, as: UTF8.self) }
    guard current != text else { return false }
    if check {
        print("stale: \(path)")
    } else {
        FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
        print("wrote \(path)")
    }
    return true
}

var stale = false
do {
    stale = refresh(
        try EmbeddedSource.builtinRules(files: files(in: "patterns", suffix: ".toml")),
        to: "Sources/HoundRules/BuiltinRules+Generated.swift")
    stale = refresh(
        EmbeddedSource.resources(typeName: "HookScripts", files: files(in: "hooks", suffix: ""), generator: "hooks/*"),
        to: "Sources/HoundCLI/HookScripts+Generated.swift") || stale
} catch {
    var message = "keyhound-embed: \(error)\n"
    _ = message.withUTF8 { bytes in write(2, bytes.baseAddress, bytes.count) }
    exit(1)
}
exit(stale ? 1 : 0)
