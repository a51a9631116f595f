import Foundation
import ImageLoading
import ImageModel
import StableJSON
import Testing

/// Every real third-party tarball in shared/testdata/real, checked against the python oracle.
@Suite struct RealTarballTests {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Oracle.realTarballs.path)) ?? []
        return files.filter { $0.hasSuffix(".tar") }.sorted()
    }()

    @Test func realTarballsArePresent() {
        #expect(Self.names.count >= 9, "expected the real tarballs in \(Oracle.realTarballs.path)")
    }

    @Test(arguments: names)
    func matchesOracle(_ name: String) throws {
        let path = Oracle.realTarballs.appendingPathComponent(name).path
        let oracle = try Oracle.facts(path)
        let loaded = Result { () throws(ImageLoadingError) in try ImageLoader().load(.path(path)) }
        guard let expected = oracle.json else {
            // The oracle refuses it (null manifest): so must we, with a one-line error naming the file.
            guard case .failure(let error) = loaded else {
                Issue.record("oracle rejected \(name) (\(oracle.stderr)) but the loader accepted it")
                return
            }
            #expect(error.description.hasPrefix(path))
            #expect(!error.description.contains("\n"))
            return
        }
        let images = try loaded.get()
        let expectedImages = expected["images"]?.arrayValue ?? []
        #expect(images.count == expectedImages.count)
        for (image, facts) in zip(sortedByTags(images), sortedByTags(expectedImages)) {
            try compare(image, facts, name: name)
        }
    }

    private func sortedByTags(_ images: [LoadedImage]) -> [LoadedImage] {
        images.sorted { ($0.tags.joined(separator: ","), $0.configDigest ?? "") < ($1.tags.joined(separator: ","), $1.configDigest ?? "") }
    }

    private func sortedByTags(_ images: [JSONValue]) -> [JSONValue] {
        func key(_ image: JSONValue) -> (String, String) {
            ((image["tags"]?.arrayValue ?? []).compactMap(\.stringValue).sorted().joined(separator: ","), image["configDigest"]?.stringValue ?? "")
        }
        return images.sorted { key($0) < key($1) }
    }

    private func compare(_ image: LoadedImage, _ facts: JSONValue, name: String) throws {
        let tags = (facts["tags"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
        #expect(image.tags.sorted() == tags, "\(name)")
        #expect(image.contentBytes == facts["contentBytes"]?.intValue, "\(name) content")
        #expect(image.finalBytes == facts["finalBytes"]?.intValue, "\(name) final")
        #expect(image.wastedBytes == facts["wastedBytes"]?.intValue, "\(name) wasted")
        #expect(image.fileCount == Int(facts["fileCount"]?.intValue ?? -1), "\(name) files")
        #expect(image.contentBytes == image.finalBytes + image.wastedBytes)
        #expect(image.config.user == facts["user"]?.stringValue)
        #expect(image.config.healthcheck == facts["healthcheck"]?.boolValue)
        if let platform = facts["platform"]?.stringValue {
            #expect(image.platform?.description == platform, "\(name) platform")
        }
        let layers = facts["layers"]?.arrayValue ?? []
        #expect(image.layers.count == layers.count)
        for (layer, expected) in zip(image.layers, layers) {
            let label = "\(name) layer \(layer.index)"
            #expect(layer.contentBytes == expected["contentBytes"]?.intValue, "\(label) content")
            #expect(layer.fileCount == Int(expected["fileCount"]?.intValue ?? -1), "\(label) files")
            #expect(layer.entryCount == Int(expected["entryCount"]?.intValue ?? -1), "\(label) entries")
            #expect(layer.tarBytes == expected["tarBytes"]?.intValue, "\(label) tar bytes")
            #expect(layer.compressedBytes == expected["compressedBytes"]?.intValue, "\(label) compressed")
            #expect(layer.wastedBytes == expected["wastedBytes"]?.intValue, "\(label) wasted")
            #expect(layer.compression.rawValue == expected["compression"]?.stringValue, "\(label) compression")
            #expect(layer.createdBy == expected["createdBy"]?.stringValue, "\(label) createdBy")
            #expect(layer.diffID == expected["diffID"]?.stringValue, "\(label) diffID")
        }
        let files = (facts["files"]?.arrayValue ?? []).map {
            "\($0["path"]?.stringValue ?? "") \($0["size"]?.intValue ?? -1) \($0["layer"]?.intValue ?? -1)"
        }
        let ours = image.files.filter { $0.kind == .regular }.map { "\($0.path) \($0.sizeBytes) \($0.layer)" }
        #expect(ours.sorted() == files.sorted(), "\(name) final files")
    }
}
