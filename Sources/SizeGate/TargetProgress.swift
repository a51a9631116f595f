/// How far an image has come towards its target size.
///
/// "Of the way" is measured from a start size to the target: `(start - now) / (start - target)`.
/// The start is `limits.targetStart` when a baseline sets it (`baseline record` fills it in the
/// first time it records an image that has a target), else the recorded measurement, else the
/// current size (0% of the way). With finance at 7.31 GB when the 1.2 GB target was set and
/// 7.19 GB now: 5.99 GB to go, 2% of the way.
public struct TargetProgress: Sendable, Equatable {
    /// Where the start size came from.
    public enum StartSource: String, Sendable {
        case targetStart
        case recorded
        case current
    }

    public var targetBytes: Int64
    public var startBytes: Int64
    public var startSource: StartSource
    public var measuredBytes: Int64

    public init(targetBytes: Int64, startBytes: Int64, startSource: StartSource, measuredBytes: Int64) {
        self.targetBytes = targetBytes
        self.startBytes = startBytes
        self.startSource = startSource
        self.measuredBytes = measuredBytes
    }

    /// True when the image is at or below its target.
    public var reached: Bool { measuredBytes <= targetBytes }

    /// Bytes still to lose; 0 once the target is reached.
    public var remainingBytes: Int64 { max(0, measuredBytes - targetBytes) }

    /// The one rule for where the way starts: `limits.targetStart` when set, else the recorded
    /// measurement, else the measurement itself. Check, trend and diff all come through here (the
    /// trend reads the start the gate stored with each history record).
    public init?(targetBytes: Int64?, targetStartBytes: Int64?, recordedBytes: Int64?, measuredBytes: Int64) {
        guard let targetBytes else { return nil }
        if let targetStartBytes {
            self.init(targetBytes: targetBytes, startBytes: targetStartBytes, startSource: .targetStart, measuredBytes: measuredBytes)
        } else if let recordedBytes {
            self.init(targetBytes: targetBytes, startBytes: recordedBytes, startSource: .recorded, measuredBytes: measuredBytes)
        } else {
            self.init(targetBytes: targetBytes, startBytes: measuredBytes, startSource: .current, measuredBytes: measuredBytes)
        }
    }

    /// The share of the way as every report prints it: a whole percent, rounded to nearest, but
    /// never 100 before the target is reached; nil where `fractionOfTheWay` is.
    public var percentOfTheWay: Int? {
        guard let fraction = fractionOfTheWay else { return nil }
        let percent = Int((fraction * 100).rounded())
        return reached ? percent : min(99, percent)
    }

    /// Bytes the image grew past its start; 0 when it did not.
    public var grownPastStartBytes: Int64 { max(0, measuredBytes - startBytes) }

    /// The share of the way from start to target covered so far: 0 at the start, 1 at the
    /// target; negative when the image grew since the start. Nil when the start was already at or
    /// below the target (there was no way to go).
    public var fractionOfTheWay: Double? {
        guard startBytes > targetBytes else { return nil }
        return Double(startBytes - measuredBytes) / Double(startBytes - targetBytes)
    }
}
