import Testing

@Test func houndreportBuilds() {}
