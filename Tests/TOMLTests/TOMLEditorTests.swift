import Foundation
import Testing

@testable import TOML

/// The editor agrees with the reader: on every valid document of the toml-test suite it finds
/// each value the reader reports, replaces one without changing anything else, and appends
/// array-of-tables elements that read back.
@Suite struct TOMLEditorTests {
    /// The toml-test checkout: `$TOML_TEST_DIR`, else `../shared/toml-test` beside the package.
    static let suite: URL? = {
        if let directory = ConformanceTests.suiteDirectory { return directory }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for relative in ["../shared/toml-test", "../../shared/toml-test"] {
            let candidate = package.appendingPathComponent(relative).standardized
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("files-toml-1.0.0").path) {
                return candidate
            }
        }
        return nil
    }()

    /// The valid documents of the suite, as (path, bytes).
    static func validDocuments() throws -> [(String, [UInt8])] {
        guard let directory = suite else { return [] }
        let list = try String(contentsOf: directory.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8)
        return try list.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("valid/") && $0.hasSuffix(".toml") }
            .map { ($0, [UInt8](try Data(contentsOf: directory.appendingPathComponent($0)))) }
    }

    @Test(
        "toml-test valid documents: every value is found, replaced alone, and appended elements read back",
        .enabled(if: suite != nil, "toml-test suite not found: set TOML_TEST_DIR (or put it at ../shared/toml-test); skipped"))
    func conformance() throws {
        var failures: [String] = []
        var checkedValues = 0
        let documents = try Self.validDocuments()
        #expect(documents.count > 100)
        for (path, bytes) in documents {
            let editor = try TOMLEditor(bytes)
            var problems: [String] = []
            checkedValues += Self.checkSpans(editor, table: editor.document, at: .root, problems: &problems)
            Self.checkReplacements(editor, problems: &problems)
            Self.checkAppends(editor, problems: &problems)
            failures += problems.map { "\(path): \($0)" }
        }
        print("TOMLEditor on toml-test: \(documents.count) valid documents, \(checkedValues) values located")
        #expect(failures.isEmpty, "\(failures.count) problems:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    /// Every key of `table` (at `path`): a line writes its value and that text reads as the same
    /// value, or it is a table (or array of `[[…]]` tables) whose own keys pass. Returns how many
    /// values were checked.
    static func checkSpans(_ editor: TOMLEditor, table: TOMLTable, at path: TOMLPath, problems: inout [String]) -> Int {
        var count = 0
        for (key, value) in table.entries {
            let keyPath = path.appending(key)
            if let text = editor.valueText(at: keyPath) {
                count += 1
                let reread = try? TOMLParser.parse("v = " + text)["v"]
                if reread.map({ same($0, value) }) != true { problems.append("\(keyPath): span \(text.debugDescription) reads differently") }
            } else if case .table(let inner) = value {
                count += checkSpans(editor, table: inner, at: keyPath, problems: &problems)
            } else if case .array(let elements) = value, editor.map.elements(of: keyPath).count == elements.count {
                for (index, element) in elements.enumerated() {
                    guard case .table(let inner) = element else {
                        problems.append("\(keyPath)[\(index)]: not a table")
                        continue
                    }
                    count += checkSpans(editor, table: inner, at: keyPath.appending(index: index), problems: &problems)
                }
            } else {
                problems.append("\(keyPath): no line writes it")
            }
        }
        return count
    }

    /// Replacing each written value by a string changes that value only.
    static func checkReplacements(_ editor: TOMLEditor, problems: inout [String]) {
        for entry in editor.map.entries.prefix(60) {
            do {
                let edited = editor.applying([try editor.replacingValue(at: entry.path, with: "\"replaced\"")])
                let reread = try TOMLParser.parse(bytes: edited)
                let expected = setting(.string("replaced"), at: entry.path.components[...], in: editor.document)
                if !same(.table(reread), .table(expected)) { problems.append("replacing \(entry.path) changed something else") }
                let untouched = Array(edited[..<entry.value.lowerBound]) == Array(editor.bytes[..<entry.value.lowerBound])
                if !untouched { problems.append("replacing \(entry.path) changed bytes before it") }
            } catch {
                problems.append("replacing \(entry.path): \(error)")
            }
        }
    }

    /// Appending a table to a new top-level array, and to every array of `[[…]]` tables, reads back.
    static func checkAppends(_ editor: TOMLEditor, problems: inout [String]) {
        let fresh: TOMLPath = ["keyhound-appended"]
        if editor.document["keyhound-appended"] == nil {
            do {
                let edited = editor.applying([try editor.appendingTable([("n", "1"), ("s", "\"x\"")], toArrayAt: fresh)])
                let reread = try TOMLParser.parse(bytes: edited)
                var expected = editor.document
                expected.set(.array([.table(["n": .integer(1), "s": .string("x")])]), for: "keyhound-appended")
                if !same(.table(reread), .table(expected)) { problems.append("appending a new array changed something else") }
            } catch {
                problems.append("appending a new array: \(error)")
            }
        }
        var arrays: [TOMLPath] = []
        for header in editor.map.headers where header.isArray && !arrays.contains(header.table.parent) {
            arrays.append(header.table.parent)
        }
        for array in arrays {
            do {
                let edited = editor.applying([try editor.appendingTable([("added", "true")], toArrayAt: array)])
                let reread = try TOMLParser.parse(bytes: edited)
                guard case .array(let elements)? = value(at: array.components[...], in: .table(editor.document)) else {
                    problems.append("\(array): not an array")
                    continue
                }
                let grown = TOMLValue.array(elements + [.table(["added": .boolean(true)])])
                let expected = setting(grown, at: array.components[...], in: editor.document)
                if !same(.table(reread), .table(expected)) { problems.append("appending to \(array) did not read back") }
            } catch {
                problems.append("appending to \(array): \(error)")
            }
        }
    }

    /// The value at `path` in `value`.
    static func value(at path: ArraySlice<TOMLPath.Component>, in value: TOMLValue) -> TOMLValue? {
        guard let first = path.first else { return value }
        switch (first, value) {
        case (.key(let key), .table(let table)): return table[key].flatMap { Self.value(at: path.dropFirst(), in: $0) }
        case (.index(let index), .array(let elements)) where index < elements.count:
            return Self.value(at: path.dropFirst(), in: elements[index])
        default: return nil
        }
    }

    /// `table` with the value at `path` (which must exist) replaced by `new`.
    static func setting(_ new: TOMLValue, at path: ArraySlice<TOMLPath.Component>, in table: TOMLTable) -> TOMLTable {
        guard case .key(let key)? = path.first, let old = table[key] else { return table }
        var out = table
        out.set(replacing(old, at: path.dropFirst(), with: new), for: key)
        return out
    }

    private static func replacing(_ old: TOMLValue, at path: ArraySlice<TOMLPath.Component>, with new: TOMLValue) -> TOMLValue {
        guard let first = path.first else { return new }
        switch (first, old) {
        case (.key, .table(let table)): return .table(setting(new, at: path, in: table))
        case (.index(let index), .array(var elements)) where index < elements.count:
            elements[index] = replacing(elements[index], at: path.dropFirst(), with: new)
            return .array(elements)
        default: return old
        }
    }

    /// Equal values, NaN equal to NaN.
    static func same(_ a: TOMLValue, _ b: TOMLValue) -> Bool {
        switch (a, b) {
        case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.table(let x), .table(let y)):
            return x.count == y.count && x.entries.allSatisfy { entry in y[entry.key].map { same(entry.value, $0) } ?? false }
        default: return a == b
        }
    }

    // MARK: Examples

    static let inventory = """
        # keys
        [[ "keys" ]]   # first
        "name" = "a"
        'provider\\u005Fid' = 'literal'
        "provider\\u005Fid2" = "escaped"   # kept
        rotation.grace = "1d"
        description = \"\"\"
        [[keys]]
        not = "a header"
        \"\"\"
        consumers = [
          "x", # [keys]
        ]

        [keys.rotation.extra]
        a = 1

        # b's comment
        [[keys]]
        name = "b"
        previous = []

        """

    @Test func findsRecordsAndValuesAsTheReaderDoes() throws {
        let editor = try TOMLEditor(Array(Self.inventory.utf8))
        #expect(editor.map.elements(of: ["keys"]) == [["keys", 0], ["keys", 1]])
        #expect(editor.valueText(at: ["keys", 0, "name"]) == "\"a\"")
        #expect(editor.valueText(at: ["keys", 0, "provider\\u005Fid"]) == "'literal'")
        #expect(editor.valueText(at: ["keys", 0, "provider_id2"]) == "\"escaped\"")
        #expect(editor.valueText(at: ["keys", 0, "rotation", "grace"]) == "\"1d\"")
        #expect(editor.valueText(at: ["keys", 1, "name"]) == "\"b\"")
        #expect(editor.map.entry(at: ["keys", 0, "not"]) == nil)
    }

    @Test func replacesAValueKeepingItsKeyAndComment() throws {
        let editor = try TOMLEditor(Array(Self.inventory.utf8))
        let edited = editor.applying([try editor.replacingValue(at: ["keys", 0, "provider_id2"], with: "\"new\"")])
        #expect(
            String(decoding: edited, as: UTF8.self)
                == Self.inventory.replacingOccurrences(of: "\"escaped\"   # kept", with: "\"new\"   # kept"))
    }

    @Test func appendsAValueAfterTheRecordsLastLine() throws {
        let editor = try TOMLEditor(Array(Self.inventory.utf8))
        let edited = editor.applying([
            try editor.appendingValue("1", for: "first", in: ["keys", 0]),
            try editor.appendingValue("\"x y\"", for: "a key", in: ["keys", 0]),
            try editor.appendingValue("2", for: "after_name", in: ["keys", 1], after: "name"),
        ])
        let text = String(decoding: edited, as: UTF8.self)
        #expect(text.contains("  \"x\", # [keys]\n]\nfirst = 1\n\"a key\" = \"x y\"\n\n[keys.rotation.extra]"))
        #expect(text.contains("name = \"b\"\nafter_name = 2\nprevious = []\n"))
        #expect(try TOMLParser.parse(bytes: edited)["keys"]?.arrayValue?.first?.tableValue?["a key"] == .string("x y"))
    }

    @Test func appendsToAnInlineArrayAndToAHeaderArray() throws {
        let editor = try TOMLEditor(Array(Self.inventory.utf8))
        let edited = editor.applying([
            try editor.appendingTable([("fingerprint", "\"f\"")], toArrayAt: ["keys", 1, "previous"]),
            try editor.appendingTable([("fingerprint", "\"g\"")], toArrayAt: ["keys", 0, "previous"]),
        ])
        let text = String(decoding: edited, as: UTF8.self)
        #expect(text.contains("previous = [{ fingerprint = \"f\" }]\n"))
        #expect(text.contains("[keys.rotation.extra]\na = 1\n\n[[keys.previous]]\nfingerprint = \"g\"\n\n# b's comment\n[[keys]]"))
        let keys = try #require(try TOMLParser.parse(bytes: edited)["keys"]?.arrayValue)
        #expect(keys[0].tableValue?["previous"] == .array([.table(["fingerprint": .string("g")])]))
        #expect(keys[1].tableValue?["previous"] == .array([.table(["fingerprint": .string("f")])]))
    }

    @Test func removesARecordWithItsSubtablesAndLeadingComment() throws {
        let editor = try TOMLEditor(Array(Self.inventory.utf8))
        let first = String(decoding: editor.applying([try editor.removingTable(["keys", 0])]), as: UTF8.self)
        // "# keys" sits directly above the first record's header: it goes with it.
        #expect(first == "# b's comment\n[[keys]]\nname = \"b\"\nprevious = []\n")
        let last = String(decoding: editor.applying([try editor.removingTable(["keys", 1])]), as: UTF8.self)
        #expect(last.hasSuffix("[keys.rotation.extra]\na = 1\n"))
    }

    @Test func removesAValueLine() throws {
        let editor = try TOMLEditor(Array("a = 1 # one\nb = [\n  2,\n]\nc = 3\n".utf8))
        #expect(String(decoding: editor.applying([try editor.removingValue(at: ["b"])]), as: UTF8.self) == "a = 1 # one\nc = 3\n")
    }

    @Test func keepsCRLF() throws {
        let editor = try TOMLEditor(Array("[[keys]]\r\nname = \"a\"\r\n".utf8))
        let edited = editor.applying([
            try editor.appendingValue("1", for: "n", in: ["keys", 0]),
            try editor.appendingBlock("[[keys]]\nname = \"b\"\n", toTable: .root),
        ])
        #expect(String(decoding: edited, as: UTF8.self) == "[[keys]]\r\nname = \"a\"\r\nn = 1\r\n\r\n[[keys]]\r\nname = \"b\"\r\n")
    }

    @Test func refusesWhatItCannotLocate() throws {
        let editor = try TOMLEditor(Array("keys = [{ name = \"a\" }]\n".utf8))
        #expect(editor.map.elements(of: ["keys"]).isEmpty)
        #expect(throws: TOMLEditError.noValue(["keys", 0, "name"])) { try editor.replacingValue(at: ["keys", 0, "name"], with: "1") }
        #expect(throws: TOMLEditError.noHeader(["keys", 0])) { try editor.removingTable(["keys", 0]) }
    }
}
