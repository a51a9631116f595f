import Foundation
import Parallelism
import Testing

@Suite struct ParallelWorkTests {
    /// Counts the transforms running at once, and the most there ever were.
    final class Gauge: @unchecked Sendable {
        private let lock = NSLock()
        private var now = 0
        private(set) var peak = 0
        func enter() { lock.lock(); now += 1; peak = max(peak, now); lock.unlock() }
        func leave() { lock.lock(); now -= 1; lock.unlock() }
    }

    /// Busy work long enough for helper threads to start and overlap.
    static func spin(_ seed: Int) -> Int {
        var value = seed
        for step in 0..<2_000_000 { value = value &* 31 &+ step }
        return value
    }

    @Test func resultsComeBackInIndexOrder() {
        let budget = CoreBudget(cores: 4)
        let squares = ParallelWork.map(count: 100, limit: 4, budget: budget) { $0 * $0 }
        #expect(squares == (0..<100).map { $0 * $0 })
        #expect(budget.available == 3, "every helper gave its core back")
        #expect(ParallelWork.map(count: 0, limit: 4, budget: budget) { $0 }.isEmpty)
    }

    @Test func nestedWorkStaysWithinTheCores() {
        // Three images of eight layers each, three jobs and four scans each: 12 threads if nested
        // naively. The budget allows three at once in all.
        let budget = CoreBudget(cores: 3)
        let gauge = Gauge()
        let outer = ParallelWork.map(count: 3, limit: 3, budget: budget) { image in
            ParallelWork.map(count: 8, limit: 4, budget: budget) { layer in
                gauge.enter()
                defer { gauge.leave() }
                return Self.spin(image * 8 + layer)
            }
        }
        #expect(outer == (0..<3).map { image in (0..<8).map { Self.spin(image * 8 + $0) } })
        #expect(gauge.peak <= 3, "peak \(gauge.peak) threads")
        #expect(gauge.peak >= 2, "the work did run in parallel (peak \(gauge.peak))")
        #expect(budget.available == 2)
    }

    @Test func limitOneRunsOnTheCallingThread() {
        let budget = CoreBudget(cores: 8)
        let caller = pthread_self()
        let onCaller = ParallelWork.map(count: 5, limit: 1, budget: budget) { _ in pthread_equal(pthread_self(), caller) != 0 }
        #expect(onCaller == Array(repeating: true, count: 5))
    }
}

@Suite struct HelperThreadTests {
    @Test func aProducerFeedsAConsumerThroughTheRing() {
        let budget = CoreBudget(cores: 2)
        let ring = BlockRing<Int>(slotSize: 64, slotCount: 3)
        // 100 blocks through 3 slots: the producer waits for the consumer most of the way.
        let helper = HelperThread.start(budget: budget) {
            for number in 0..<100 {
                guard let slot = ring.nextFree() else { return }
                let count = number % 64 + 1
                for offset in 0..<count { slot.storeBytes(of: UInt8(truncatingIfNeeded: number &+ offset), toByteOffset: offset, as: UInt8.self) }
                ring.publish(count: count, tag: number)
            }
        }
        #expect(helper != nil && budget.available == 0)
        for number in 0..<100 {
            let (bytes, tag) = ring.take()
            #expect(tag == number)
            #expect(Array(bytes) == (0..<(number % 64 + 1)).map { UInt8(truncatingIfNeeded: number &+ $0) })
        }
        helper?.join()
        #expect(budget.available == 1, "the helper gave its core back")
    }

    @Test func cancellingStopsAWaitingProducer() {
        let budget = CoreBudget(cores: 2)
        let ring = BlockRing<Int>(slotSize: 8, slotCount: 2)
        let helper = HelperThread.start(budget: budget) {
            while ring.nextFree() != nil { ring.publish(count: 8, tag: 0) }
        }
        _ = ring.take()
        ring.cancel()
        helper?.join()
        #expect(helper != nil && budget.available == 1)
    }

    @Test func noFreeCoreNoThread() {
        let budget = CoreBudget(cores: 1)
        let ran = HelperThread.start(budget: budget) { Issue.record("ran without a core") }
        #expect(ran == nil && budget.available == 0)
    }
}
