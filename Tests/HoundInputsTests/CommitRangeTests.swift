import HoundInputs
import HoundModel
import Testing

@Suite("Commit range")
struct CommitRangeTests {
    @Test func eachCommitsLinesAreAttributedToIt() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("app.env", "NAME=app\n")
        let base = try fixture.commit("base", date: "2026-01-01T10:00:00+00:00")
        try fixture.write("app.env", "NAME=app\nTOKEN=first\n")
        let first = try fixture.commit("add token", date: "2026-01-02T10:00:00+00:00", author: "Grace Hopper")
        try fixture.write("app.env", "NAME=app\nTOKEN=second\n")
        try fixture.write("other.txt", "PASSWORD=x\n")
        let second = try fixture.commit("rotate token", date: "2026-01-03T10:00:00+00:00", author: "Alan Turing")

        let range = CommitRange(repository: try fixture.repository(), range: "\(base)..HEAD")
        let fragments = try range.fragments().fragments
        let summary = fragments.map { fragment -> String in
            guard case .commit(let commit) = fragment.provenance else { return "?" }
            let text = String(decoding: fragment.bytes, as: UTF8.self)
            return "\(commit.summary) | \(commit.author) | \(fragment.path):\(fragment.lineNumbers ?? []) | \(text)"
        }
        #expect(
            summary == [
                "rotate token | Alan Turing | app.env:[2] | TOKEN=second",
                "rotate token | Alan Turing | other.txt:[1] | PASSWORD=x",
                "add token | Grace Hopper | app.env:[2] | TOKEN=first",
            ])
        guard case .commit(let commit) = fragments.last?.provenance else {
            Issue.record("no commit provenance")
            return
        }
        #expect(
            commit
                == CommitInfo(
                    id: first, author: "Grace Hopper", email: "ada@example.com", date: "2026-01-02T10:00:00+00:00",
                    summary: "add token"))
        #expect(fragments.first.map { if case .commit(let c) = $0.provenance { c.id } else { "" } } == second)
    }

    @Test func threeDotsMeansWhatTheBranchAdded() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("a.txt", "a\n")
        try fixture.commit("base")
        try fixture.git(["checkout", "-q", "-b", "feature"])
        try fixture.write("feature.txt", "feature work\n")
        try fixture.commit("feature")
        try fixture.git(["checkout", "-q", "main"])
        try fixture.write("main.txt", "main moved on\n")
        try fixture.commit("main moves")
        try fixture.git(["checkout", "-q", "feature"])

        let repository = try fixture.repository()
        let threeDots = try CommitRange(repository: repository, range: "main...feature").fragments().fragments
        #expect(threeDots.map(\.path) == ["feature.txt"])
        let since = try CommitRange.since("main", in: repository).fragments().fragments
        #expect(since.map(\.path) == ["feature.txt"])
    }

    @Test func mergeCommitsAddNothingOfTheirOwn() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("a.txt", "a\n")
        let base = try fixture.commit("base")
        try fixture.git(["checkout", "-q", "-b", "side"])
        try fixture.write("side.txt", "side\n")
        try fixture.commit("side")
        try fixture.git(["checkout", "-q", "main"])
        try fixture.write("main.txt", "main\n")
        try fixture.commit("main")
        try fixture.git(["merge", "-q", "--no-edit", "side"])

        let fragments = try CommitRange(repository: try fixture.repository(), range: "\(base)..HEAD").fragments()
        #expect(fragments.fragments.map(\.path).sorted() == ["main.txt", "side.txt"])
    }

    @Test func unknownRevisionIsReported() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("a.txt", "a\n")
        try fixture.commit("base")
        #expect {
            try CommitRange(repository: try fixture.repository(), range: "nope..HEAD").fragments()
        } throws: { error in
            guard case .badRevision(let range, _) = error as? InputError else { return false }
            return range == "nope..HEAD"
        }
    }

    @Test func optionLookingRangeIsNotAnOption() throws {
        let fixture = try GitFixture()
        defer { fixture.remove() }
        try fixture.write("a.txt", "a\n")
        try fixture.commit("base")
        #expect(throws: InputError.self) {
            try CommitRange(repository: try fixture.repository(), range: "--output=/tmp/pwned").fragments()
        }
    }
}
