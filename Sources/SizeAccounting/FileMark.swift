/// What the accounting pass remembers of one file for the savings plan, in one byte: its category
/// (or that a node package's scope decides it), and the facts fixes other than category ones claim
/// by. One byte per file (1.3 MB on an image of 1.3 million files), so that the plan needs no
/// second walk over the paths; the copies that decide pending files are kept apart, in file order.
struct FileMark: Sendable, Equatable {
    var raw: UInt8

    /// Dev-dependencies or node-modules, as the copy's scope says once the graph is known.
    static let pendingCopy: UInt8 = 30
    /// Directories are not in the list; symlinks, hard links and the like carry no bytes.
    static let notRegular = FileMark(raw: 31)
    private static let categoryBits: UInt8 = 0b0001_1111
    private static let nodeExtraBit: UInt8 = 0b0010_0000
    private static let toolchainBit: UInt8 = 0b0100_0000

    init(raw: UInt8) {
        self.raw = raw
    }

    /// `category` is `SizeCategory.order` or `pendingCopy`.
    init(category: UInt8, nodeExtra: Bool = false, toolchain: Bool = false) {
        raw = category | (nodeExtra ? Self.nodeExtraBit : 0) | (toolchain ? Self.toolchainBit : 0)
    }

    /// `SizeCategory.order`, `pendingCopy` or `notRegular`'s code.
    var category: UInt8 { raw & Self.categoryBits }
    var isRegular: Bool { self != Self.notRegular }
    /// A test, doc, source map or TypeScript source inside a node package (not an ML one).
    var nodeExtra: Bool { raw & Self.nodeExtraBit != 0 }
    /// Owned by an OS package of the build toolchain (`BuildToolchain`).
    var toolchain: Bool { raw & Self.toolchainBit != 0 }
}
