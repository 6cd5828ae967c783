import Testing

@Test func houndrulesBuilds() {}
