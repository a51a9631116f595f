import Dispatch

/// Collects progress from the scanning threads and calls the user's callback at most once per
/// `interval`. Scanners report in coarse steps (every MiB or every few hundred entries), so the
/// lock here is taken a few thousand times for a multi-gigabyte input, not once per entry.
final class ProgressMeter: @unchecked Sendable {
    /// Ten updates a second: smooth to the eye, invisible in the benchmark.
    static let intervalNanoseconds: UInt64 = 100_000_000

    private let lock = PthreadLock()
    private let callback: @Sendable (LoadProgress) -> Void
    private var state: LoadProgress
    private var lastEmitted: UInt64 = 0

    init(input: String, callback: @escaping @Sendable (LoadProgress) -> Void) {
        self.callback = callback
        state = LoadProgress(input: input)
    }

    /// Sets what the progress counts towards, once known.
    func setTotals(bytes: Int64?, layers: Int?) {
        lock.withLock {
            state.totalBytes = bytes
            state.layersTotal = layers
        }
    }

    /// `bytes` more read from `layer`.
    func advance(_ bytes: Int64, layer: String) {
        lock.withLock {
            state.bytesRead += bytes
            state.layer = layer
            emitIfDue()
        }
    }

    /// One more layer done.
    func layerDone(_ layer: String) {
        lock.withLock {
            state.layersDone += 1
            state.layer = layer
            emitIfDue()
        }
    }

    /// The input is read: one last call, with the byte count made whole when the total is known.
    func finish() {
        lock.withLock {
            if let total = state.totalBytes { state.bytesRead = max(state.bytesRead, total) }
            state.finished = true
            callback(state)
        }
    }

    private func emitIfDue() {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now &- lastEmitted >= Self.intervalNanoseconds else { return }
        lastEmitted = now
        callback(state)
    }
}

extension LayerScanner {
    /// Reports progress from inside the scan loop in coarse steps: a call into libarchive's byte
    /// counter per entry (a field read), and the meter's lock only once per MiB or 256 entries.
    struct ProgressTap {
        let meter: ProgressMeter
        let label: String
        private var reported: Int64 = 0
        private var entriesSince = 0
        static let byteStep: Int64 = 1 << 20

        init(meter: ProgressMeter, label: String) {
            self.meter = meter
            self.label = label
        }

        mutating func tick(_ consumed: Int64) {
            entriesSince += 1
            guard consumed - reported >= Self.byteStep || entriesSince >= 256 else { return }
            meter.advance(consumed - reported, layer: label)
            reported = consumed
            entriesSince = 0
        }

        mutating func done(_ consumed: Int64) {
            if consumed > reported { meter.advance(consumed - reported, layer: label) }
            reported = consumed
            meter.layerDone(label)
        }
    }
}
