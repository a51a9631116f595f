/// What the accounting pass remembers of one file for the savings plan: its category (or that a
/// node package's scope decides it), and the facts fixes other than category ones claim by.
/// Eight bytes per file, so that the plan needs no second walk over the paths.
struct FileMark: Sendable {
    /// `SizeCategory.order`, `pendingCopy` or `notRegular`.
    var category: UInt8
    /// A test, doc, source map or TypeScript source inside a node package (not an ML one).
    var nodeExtra = false
    /// Owned by an OS package of the build toolchain (`BuildToolchain`).
    var toolchain = false
    /// For `pendingCopy`: the index of the node package copy whose scope decides the category.
    var copy: Int32 = -1

    /// Dev-dependencies or node-modules, as the copy's scope says once the graph is known.
    static let pendingCopy: UInt8 = 254
    /// Directories are not in the list; symlinks, hard links and the like carry no bytes.
    static let notRegular: UInt8 = 255
}
