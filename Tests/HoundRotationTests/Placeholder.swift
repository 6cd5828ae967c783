import Testing

@Test func houndrotationBuilds() {}
