import Foundation
import PlimsollTestSupport

// Writes the example images into Examples/ (or the directory given as the only argument):
//   swift run plimsoll-examples [DIR]
// They are committed; run this again only when the specs in ExampleImages.swift change.
//   swift run plimsoll-examples --fuzz-seeds [DIR]   (default: Tests/Fuzz/Corpus)
// writes the fuzz targets' seed corpora instead.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--fuzz-seeds" {
    do {
        try FuzzSeeds.write(to: arguments.dropFirst().first ?? "Tests/Fuzz/Corpus")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("plimsoll-examples: error: \(error)\n".utf8))
        exit(2)
    }
}
if arguments.count > 1 || arguments.first?.hasPrefix("-") == true {
    // An option is not a directory name: say how to call it instead of writing into "--help/".
    FileHandle.standardError.write(Data("usage: plimsoll-examples [DIR]   (default: Examples)\n       plimsoll-examples --fuzz-seeds [DIR]   (default: Tests/Fuzz/Corpus)\n".utf8))
    exit(arguments.first == "-h" || arguments.first == "--help" ? 0 : 64)
}
let directory = arguments.first ?? "Examples"
do {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (file, spec) in ExampleImages.all {
        let path = directory + "/" + file
        try ImageFixtureBuilder.write([spec], options: ArchiveOptions(layout: .docker25), to: path)
        let onDisk = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        print("\(path): \(spec.contentBytes) bytes of content, \(onDisk) bytes on disk")
    }
} catch {
    FileHandle.standardError.write(Data("plimsoll-examples: error: \(error)\n".utf8))
    exit(2)
}
