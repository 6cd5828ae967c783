import HoundSupport
import Testing

@Suite struct EditDistanceTests {
    static let fields = ["name", "description", "owner", "consumers", "rotation_frequency", "last_rotated"]

    @Test(arguments: [
        ("owners", "owner"),
        ("consumer", "consumers"),
        ("rotation_frequncy", "rotation_frequency"),
        ("last_rotate", "last_rotated"),
        ("Owner", "owner"),
    ])
    func suggestsTheNearestName(_ typo: String, _ expected: String) {
        #expect(EditDistance.suggestion(for: typo, among: EditDistanceTests.fields) == expected)
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(EditDistance.suggestion(for: "colour", among: EditDistanceTests.fields) == nil)
        #expect(EditDistance.suggestion(for: "x", among: EditDistanceTests.fields) == nil)
    }

    @Test func distances() {
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("same", "same") == 0)
        #expect(EditDistance.between("kyes", "keys") == 1)
        #expect(EditDistance.between("ca", "abc") == 3)
    }
}
