/// How far the loader has read an input, for a progress display. Handed to
/// `LoadOptions.progress` at most about ten times a second while layers are scanned, and once
/// more when the input is done (`finished`).
public struct LoadProgress: Sendable, Equatable {
    /// The input as `ImageInput.displayName` names it.
    public var input: String
    /// Bytes of the input read so far (stored layer bytes: compressed where the layers are).
    public var bytesRead: Int64
    /// What `bytesRead` is counting towards; nil when unknown (a pipe, or a compressed stream).
    public var totalBytes: Int64?
    /// The layer most recently read from, "layer 3" (0-based in image order, as every table counts), or nil.
    public var layer: String?
    /// Layers finished so far.
    public var layersDone: Int
    /// Layers to read; nil when unknown (a stream, where layers are found as they pass).
    public var layersTotal: Int?
    /// True on the last call for the input.
    public var finished: Bool

    public init(
        input: String, bytesRead: Int64 = 0, totalBytes: Int64? = nil, layer: String? = nil, layersDone: Int = 0,
        layersTotal: Int? = nil, finished: Bool = false
    ) {
        self.input = input
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.layer = layer
        self.layersDone = layersDone
        self.layersTotal = layersTotal
        self.finished = finished
    }
}
