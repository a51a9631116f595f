import CFuzzerDriver
import Foundation

/// The fuzzing harness. Built with `Scripts/fuzz.sh` (`-sanitize=fuzzer,address -DFUZZING`), it
/// hands libFuzzer the target named by `PLIMSOLL_FUZZ_TARGET`; built normally (`swift build`), it
/// replays files through a target, which is how the regression tests run crash inputs:
///
///     PLIMSOLL_FUZZ_TARGET=seekable .build-fuzz/release/plimsoll-fuzz -max_total_time=60 CORPUS
///     plimsoll-fuzz seekable FILE...
@main
enum FuzzMain {
    static func main() {
        #if FUZZING
        guard let name = ProcessInfo.processInfo.environment["PLIMSOLL_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
            fail("set PLIMSOLL_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))")
        }
        selected = target
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzMain.selected.run(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
        #else
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            fail("usage: plimsoll-fuzz TARGET FILE...; targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))")
        }
        for file in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
            data.withUnsafeBytes { target.run($0) }
        }
        #endif
    }

    /// The target libFuzzer's callback runs (a C function pointer cannot capture it).
    nonisolated(unsafe) static var selected = FuzzTarget.seekable

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("plimsoll-fuzz: \(message)\n".utf8))
        exit(64)
    }
}
