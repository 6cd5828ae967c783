import Testing

@Test func houndregexBuilds() {}
