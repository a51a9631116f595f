/// What the accounting pass remembers of one file for the savings plan, in one byte: its category
/// (or that a node package's scope decides it), and the facts fixes other than category ones claim
/// by. One byte per file (1.3 MB on an image of 1.3 million files), so that the plan needs no
/// second walk over the paths; the copies that decide pending files are kept apart, in file order.
struct FileMark: Sendable, Equatable {
    var raw: UInt8

    /// Directories are not in the list; symlinks, hard links and the like carry no bytes.
    static let notRegular = FileMark(raw: 31)
    /// The low bits hold `SizeCategory.order`, this code (a pending copy's file) or `notRegular`'s.
    private static let pendingCopyCode: UInt8 = 30
    /// The categories by `order`, to read a mark's code back.
    private static let byOrder = SizeCategory.allCases.sorted()
    private static let categoryBits: UInt8 = 0b0001_1111
    private static let nodeExtraBit: UInt8 = 0b0010_0000
    private static let toolchainBit: UInt8 = 0b0100_0000

    init(raw: UInt8) {
        self.raw = raw
    }

    /// A file the pass gave `category`.
    init(_ category: SizeCategory, toolchain: Bool = false) {
        raw = UInt8(category.order) | (toolchain ? Self.toolchainBit : 0)
    }

    /// A file of a node package copy, whose scope decides its category once the graph is known.
    static func pendingCopy(nodeExtra: Bool) -> FileMark {
        FileMark(raw: pendingCopyCode | (nodeExtra ? nodeExtraBit : 0))
    }

    /// The category the pass gave the file; nil for a pending copy's file (and `notRegular`).
    var category: SizeCategory? {
        let code = Int(raw & Self.categoryBits)
        return code < Self.byOrder.count ? Self.byOrder[code] : nil
    }

    var isPendingCopy: Bool { raw & Self.categoryBits == Self.pendingCopyCode }
    var isRegular: Bool { self != Self.notRegular }
    /// A test, doc, source map or TypeScript source inside a node package (not an ML one).
    var nodeExtra: Bool { raw & Self.nodeExtraBit != 0 }
    /// Owned by an OS package of the build toolchain (`BuildToolchain`).
    var toolchain: Bool { raw & Self.toolchainBit != 0 }
}
