import Testing

@Test func houndengineBuilds() {}
