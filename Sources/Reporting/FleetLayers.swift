import ImageModel
import StableJSON

/// The layers the images of one run share, as every report shows them: `check`'s fleet table and
/// `summary.json`/`summary.md`, and `inspect` of several images. Made once here so that the
/// terminal, Markdown and JSON say the same figures in the same words.
///
/// Unique, shared and deduplicated figures are content bytes (what the gate measures, before
/// `ignorePaths`, which are per baseline while a shared layer is one blob); the compressed pair is
/// the size a registry stores and a pull transfers, when every layer's is known.
public struct FleetLayers: Sendable {
    /// One image of the run, named as its report names it.
    public struct Member: Sendable {
        public var name: String
        public var input: String

        public init(name: String, input: String) {
            self.name = name
            self.input = input
        }
    }

    public var members: [Member]
    public var sharing: LayerSharing
    /// False when any image was read with `--manifest-only`: its layers' content was not measured,
    /// so the content figures are unknown (printed "–", null in JSON); the compressed pair stands.
    public var contentMeasured: Bool

    /// - Parameter members: one per image of `sharing`, in the same order.
    public init(members: [Member], sharing: LayerSharing, contentMeasured: Bool = true) {
        self.members = members
        self.sharing = sharing
        self.contentMeasured = contentMeasured
    }

    /// `inspect` of several images.
    public init(_ reports: [ImageReport]) {
        self.init(
            members: reports.map { Member(name: $0.image.name, input: $0.input) },
            sharing: LayerSharing(loaded: reports.map(\.image)), contentMeasured: reports.allSatisfy(\.image.contentMeasured))
    }

    /// A content figure, or nil when content was not measured.
    func content(_ bytes: Int64) -> Int64? { contentMeasured ? bytes : nil }

    /// The `fleet` object of `summary.json` and of `inspect --format json` with several images.
    public func json() -> JSONValue {
        .object([
            JSONMember("imageCount", .int(members.count)),
            JSONMember("sharedLayerCount", .int(sharing.sharedLayerCount)),
            JSONMember("contentBytes", .int(content(sharing.contentBytes))),
            JSONMember("deduplicatedContentBytes", .int(content(sharing.deduplicatedContentBytes))),
            JSONMember("compressedBytes", .int(sharing.compressedBytes)),
            JSONMember("deduplicatedCompressedBytes", .int(sharing.deduplicatedCompressedBytes)),
            JSONMember("compressedBytesSource", .string(sharing.compressedBytesSource.rawValue)),
            JSONMember(
                "images",
                .array(
                    zip(members, sharing.images).map { member, image in
                        .object([
                            JSONMember("name", .string(member.name)),
                            JSONMember("input", .string(member.input)),
                            JSONMember("contentBytes", .int(content(image.contentBytes))),
                            JSONMember("uniqueBytes", .int(content(image.uniqueBytes))),
                            JSONMember("sharedBytes", .int(content(image.sharedBytes))),
                            JSONMember("sharedLayerCount", .int(image.sharedLayerCount)),
                        ])
                    })),
        ])
    }

    /// "Layers shared by diff_id: 2, counted once: 9.07 GB content (plain sum 9.42 GB), 190 kB
    /// compressed (stored; plain sum 273 kB)."
    public func line(_ bytes: ByteFormatter) -> String {
        var line = "Layers shared by diff_id: \(sharing.sharedLayerCount), counted once: "
        if contentMeasured {
            line += "\(bytes.string(sharing.deduplicatedContentBytes)) content (plain sum \(bytes.string(sharing.contentBytes))), "
        } else {
            line += "content not measured (--manifest-only), "
        }
        if let deduplicated = sharing.deduplicatedCompressedBytes, let sum = sharing.compressedBytes {
            line += "\(bytes.string(deduplicated)) compressed (\(sharing.compressedBytesSource.rawValue); plain sum \(bytes.string(sum)))"
        } else {
            line += "compressed unknown"
        }
        return line + "."
    }

    /// The unique and shared bytes of image `index`, as two table cells.
    public func cells(_ index: Int, _ bytes: ByteFormatter) -> [String] {
        let image = sharing.images[index]
        return [image.uniqueBytes, image.sharedBytes].map { content($0).map(bytes.string) ?? "–" }
    }

    /// `inspect`'s table after the images: each image's content, unique and shared bytes.
    public func table(_ bytes: ByteFormatter) -> ReportTable {
        var table = ReportTable(
            title: "Fleet: \(Plural.count(members.count, "image"))", headers: ["image", "content", "unique", "shared", "shared layers"],
            alignments: [.left, .right, .right, .right, .right])
        for (index, member) in members.enumerated() {
            let image = sharing.images[index]
            table.add(
                [.code(member.name), ReportTable.Cell(content(image.contentBytes).map(bytes.string) ?? "–")]
                    + cells(index, bytes).map { ReportTable.Cell($0) }
                    + [ReportTable.Cell(String(image.sharedLayerCount))])
        }
        return table
    }
}
