import Testing

@testable import StreamerCore

/// `JSONScanner.elementPairs`: the first two elements of each inner array, read in one pass (book levels).
struct JSONScannerPairsTests {
    /// The pairs of the document `text` as texts, and whether iteration stopped at an element of another shape.
    private func pairs(_ text: String) throws -> (pairs: [[String]], otherShape: Bool) {
        try Array(text.utf8).withUnsafeBytes { bytes in
            let root = try JSONScanner.document(bytes)
            var iterator = JSONScanner.elementPairs(of: root, in: bytes)
            var found: [[String]] = []
            while let (first, second) = iterator.next() {
                found.append([first.text(in: bytes), second.text(in: bytes)])
            }
            #expect(iterator.next() == nil, "stays at the end")
            return (found, iterator.foundOtherShape)
        }
    }

    @Test(
        arguments: [
            ("[]", [], false),
            (#"[["97000.5","0.1"]]"#, [["97000.5", "0.1"]], false),
            (#"[["1","2"],["3","4"],["5","6"]]"#, [["1", "2"], ["3", "4"], ["5", "6"]], false),
            (#" [ [ "1" , 2.5 ] ,[3,"4"] ] "#, [["1", "2.5"], ["3", "4"]], false),
            (#"[["1","2","id-7",{"a":[1,2]}],["3","4",[]]]"#, [["1", "2"], ["3", "4"]], false),
            (#"[[["x"],{"y":1}]]"#, [[#"["x"]"#, #"{"y":1}"#]], false),
            (#"[["1","2"],["3"]]"#, [["1", "2"]], true),
            (#"[["1","2"],[]]"#, [["1", "2"]], true),
            (#"[["1","2"],"3"]"#, [["1", "2"]], true),
            (#"[{"price":"1"}]"#, [], true),
        ] as [(String, [[String]], Bool)])
    func yieldsTheFirstTwoElementsOfEachInnerArray(text: String, expected: [[String]], otherShape: Bool) throws {
        let result = try pairs(text)
        #expect(result.pairs == expected)
        #expect(result.otherShape == otherShape)
    }

    @Test func yieldsNothingForAnythingButAnArray() throws {
        #expect(try pairs(#"{"bids":[["1","2"]]}"#) == ([], false))
        #expect(try pairs(#""[[1,2]]""#) == ([], false))
    }
}
