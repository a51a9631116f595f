import Foundation
import ImageLoading
import ImageModel
import PlimsollTestSupport
import SizeAccounting
import Testing

/// The accountant on images the real reader loaded: the NestJS fixture written as tarballs of
/// several layouts, and every real tarball in ../shared/testdata/real.
@Suite struct LoadedTarballTests {
    static func loader(_ accountant: SizeAccountant) -> ImageLoader {
        let requirements = accountant.captureRequirements
        return ImageLoader(options: LoadOptions(capture: CapturePolicy(maxBytes: requirements.maxBytes) { requirements.matches($0) }))
    }

    static func temporaryFile(_ name: String) throws -> String {
        let directory = NSTemporaryDirectory() + "plimsoll-accounting-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/" + name
    }

    @Test(arguments: [ArchiveLayout.legacy, .docker25, .ociArchive])
    func nestServiceTarball(layout: ArchiveLayout) throws {
        let fixture = NestServiceFixture.make()
        let path = try Self.temporaryFile("nest.tar")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = try ImageFixtureBuilder.write([fixture.image], options: ArchiveOptions(layout: layout), to: path)
        let accountant = try SizeAccountant.standard()
        let images = try Self.loader(accountant).load(.path(path))
        let image = try #require(images.first)
        let ledger = accountant.account(image)
        #expect(LedgerInvariants.violations(ledger, of: image) == [])
        let expected = try FixtureImage.expectedCategories(fixture)
        for (actual, wanted) in zip(ledger.categories, expected) {
            #expect(actual == wanted, "\(layout): \(wanted.category.rawValue)")
        }
        // The reader names the layer that superseded: chown rewrote files of earlier layers.
        let chown = try #require(ledger.findings("wasted-bytes").first { $0.message.contains("chown") })
        #expect(chown.suggestion.contains("COPY --chown"))
    }

    /// Every real tarball: all bytes labelled, the invariant holds.
    @Test func realTarballs() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/testdata/real")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter { $0.hasSuffix(".tar") }.sorted() ?? []
        guard !names.isEmpty else { return }  // no shared test data beside this checkout
        let accountant = try SizeAccountant.standard()
        var accounted = 0
        for name in names {
            let images: [LoadedImage]
            do {
                images = try Self.loader(accountant).load(.path(directory.appendingPathComponent(name).path))
            } catch {
                continue  // unreadable on purpose (a null manifest): the reader's tests cover it
            }
            for image in images {
                let ledger = accountant.account(image)
                #expect(LedgerInvariants.violations(ledger, of: image) == [], "\(name)")
                accounted += 1
            }
        }
        #expect(accounted >= names.count - 1)
    }

    /// alpine's apk database, read from the real tarball: the packages hold what apk lists.
    @Test func realAlpineApkDatabase() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/testdata/real")
        let path = directory.appendingPathComponent("snyk-docker-plugin__containerd-archives_alpine.tar").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let accountant = try SizeAccountant.standard()
        let image = try #require(try Self.loader(accountant).load(.path(path)).first)
        let ledger = accountant.account(image)
        let database = try #require(image.captured["/lib/apk/db/installed"])
        // Independently of the accountant: the package names apk's database lists ("P:" lines).
        let listed = String(decoding: database, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("P:") }.map { String($0.dropFirst(2)) }
        #expect(Set(ledger.packages.filter { $0.ecosystem == .apk }.map(\.name)) == Set(listed))
        let busybox = try #require(ledger.package(.apk, "busybox"))
        let onDisk = image.files.filter { $0.path == "/bin/busybox" && $0.kind == .regular }.reduce(Int64(0)) { $0 + $1.sizeBytes }
        #expect(busybox.sizeBytes >= onDisk)
        #expect(ledger.bytes(.osPackages) > image.finalBytes * 9 / 10, "almost all of alpine is apk's")
    }
}
