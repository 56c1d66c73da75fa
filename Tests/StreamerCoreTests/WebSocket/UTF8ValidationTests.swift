import Testing

@testable import StreamerCore

/// RFC 3629 well-formedness, as RFC 6455 §8.1 requires for text messages.
struct UTF8ValidationTests {
    @Test(
        arguments: [
            [], Array("plain ascii that is longer than eight bytes".utf8), Array("κόσμε".utf8),
            [0xF0, 0x9F, 0x98, 0x80],
            [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xED, 0x9F, 0xBF],
        ] as [[UInt8]])
    func acceptsWellFormedText(bytes: [UInt8]) {
        #expect(UTF8Validation.isValid(bytes))
    }

    @Test(
        arguments: [
            [0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x82], Array("ascii then".utf8) + [0xCE],
            Array("12345678".utf8) + [0xC3, 0x28],
        ] as [[UInt8]])
    func rejectsMalformedText(bytes: [UInt8]) {
        #expect(!UTF8Validation.isValid(bytes))
    }

    @Test func agreesWithTheStandardLibraryOnEveryTwoByteSequence() {
        for first in 0x80...0xFF {
            for second in 0...0xFF {
                let bytes = [UInt8(first), UInt8(second)]
                #expect(UTF8Validation.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil))
            }
        }
    }

    @Test(arguments: [0x80, 0xC3, 0xE2, 0xF0, 0xFF] as [UInt8])
    func findsANonASCIIByteAtEveryPlaceOfTheFourWordStride(_ byte: UInt8) {
        for length in [31, 32, 33, 40, 64, 65] {
            for position in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                bytes[position] = byte
                #expect(UTF8Validation.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil))
            }
        }
        let valid = Array((String(repeating: "x", count: 37) + "é" + String(repeating: "y", count: 40)).utf8)
        #expect(UTF8Validation.isValid(valid))
    }
}
