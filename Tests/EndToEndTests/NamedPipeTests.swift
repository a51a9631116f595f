import Foundation
import PlimsollTestSupport
import Testing

/// A path that names a pipe (`plimsoll inspect <(docker save app)`, or a FIFO) is read as a
/// stream, with the same answer as the file.
@Suite struct NamedPipeTests {
    @Test func aFIFOGivesTheSameAnswerAsTheFile() throws {
        let directory = NSTemporaryDirectory() + "plimsoll-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = ImageSpec(
            tags: ["shop/fifo:1"],
            layers: [
                LayerSpec(entries: [.file("usr/lib/libx.so", size: 40_000), .file("app/a.js", size: 900)], compression: .gzip),
                LayerSpec(entries: [.file("app/a.js", size: 1_000)]),
            ],
            config: ConfigSpec(workdir: "/app"))
        let image = directory + "/image.tar"
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25), to: image)
        let fifo = directory + "/image.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: image))
        let writer = Thread {
            // Opening a FIFO for writing waits for the reader: the command under test.
            if let handle = FileHandle(forWritingAtPath: fifo) {
                handle.write(bytes)
                try? handle.close()
            }
        }
        writer.start()
        let fromFIFO = try CommandRunner.run(["inspect", fifo, "--format", "json"])
        let fromFile = try CommandRunner.run(["inspect", image, "--format", "json"])
        #expect(fromFIFO.status == 0, "\(fromFIFO.stderr)")
        func withoutInput(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"input\"") }.joined(separator: "\n")
        }
        #expect(withoutInput(fromFIFO.stdout) == withoutInput(fromFile.stdout))
        #expect(fromFile.stdout.contains("\"contentBytes\": \(spec.contentBytes)"))
    }
}
