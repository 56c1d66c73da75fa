extension JSONScanner {
    /// The first two elements of each element of `array` (a token from this message), in order: book levels.
    static func elementPairs(of array: JSONToken, in bytes: UnsafeRawBufferPointer) -> ElementPairs {
        ElementPairs(scanner: JSONScanner(bytes, from: array.start + 1), valid: array.kind == .array)
    }

    /// Iterates an array of arrays (`[["97000.5", "0.1"], ...]`), yielding the first two elements of each inner array.
    ///
    /// Each inner array is read once: `elements(of:)` scanned every inner array to find its end and then again for
    /// its elements. The outer array was validated when its token was made.
    struct ElementPairs {
        private var scanner: JSONScanner
        private var started = false
        private var finished: Bool
        /// Whether iteration stopped at an element that is not an array of at least two elements.
        private(set) var foundOtherShape = false

        fileprivate init(scanner: JSONScanner, valid: Bool) {
            self.scanner = scanner
            self.finished = !valid
        }

        /// The first two elements of the next inner array (any later ones are skipped), or nil at the end or at an
        /// element of another shape (`foundOtherShape`).
        mutating func next() -> (first: JSONToken, second: JSONToken)? {
            guard !finished else { return nil }
            var byte = scanner.peekSignificant()
            if started {
                guard byte == UInt8(ascii: ",") else { return finish() }  // the closing ']'
                scanner.index += 1
                byte = scanner.peekSignificant()
            } else if byte == UInt8(ascii: "]") {
                return finish()
            }
            started = true
            guard byte == UInt8(ascii: "[") else { return finish(otherShape: true) }
            scanner.index += 1
            // Valid JSON (checked already), so `value` cannot fail here; only the shape can be wrong.
            guard scanner.peekSignificant() != UInt8(ascii: "]"), let first = try? scanner.value(depth: 2),
                scanner.peekSignificant() == UInt8(ascii: ",")
            else { return finish(otherShape: true) }
            scanner.index += 1
            guard let second = try? scanner.value(depth: 2) else { return finish(otherShape: true) }
            while scanner.peekSignificant() == UInt8(ascii: ",") {
                scanner.index += 1
                guard (try? scanner.value(depth: 2)) != nil else { return finish(otherShape: true) }
            }
            scanner.index += 1  // the inner ']'
            return (first, second)
        }

        /// Ends the iteration.
        private mutating func finish(otherShape: Bool = false) -> (first: JSONToken, second: JSONToken)? {
            finished = true
            foundOtherShape = otherShape
            return nil
        }
    }
}
