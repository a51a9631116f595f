import ImageModel
import SizeAccounting
import Testing

/// dpkg (status + info lists, multi-arch, merged /usr; distroless status.d) and apk databases.
@Suite struct OSPackageTests {
    @Test func dpkgStatusAndLists() throws {
        var spec = TestImage()
        spec.symlink("/bin", to: "usr/bin")
        spec.symlink("/lib", to: "usr/lib")
        spec.text("/var/lib/dpkg/status", """
            Package: coreutils
            Status: install ok installed
            Architecture: amd64
            Version: 9.1-1
            Description: GNU core utilities
             Multi-line description.

            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: same
            Version: 2.36-9

            Package: libcudnn8
            Status: install ok installed
            Architecture: amd64
            Version: 8.9.7.29-1+cuda12.2

            Package: removed
            Status: deinstall ok config-files
            Version: 1

            """, .osPackages)
        spec.text("/var/lib/dpkg/info/coreutils.list", "/.\n/bin\n/bin/ls\n/bin/cat\n/usr/share/doc/coreutils/copyright\n", .osPackages)
        spec.text("/var/lib/dpkg/info/libc6:amd64.list", "/lib/x86_64-linux-gnu/libc.so.6\n", .osPackages)
        spec.text("/var/lib/dpkg/info/libcudnn8.list", "/usr/lib/x86_64-linux-gnu/libcudnn.so.8\n/usr/share/doc/libcudnn8/README\n", .osPackages)
        spec.text("/var/lib/dpkg/info/removed.list", "/usr/bin/removed\n", .osPackages)
        spec.file("/usr/bin/ls", 140_000, .osPackages)
        spec.file("/usr/bin/cat", 40_000, .osPackages)
        spec.file("/usr/share/doc/coreutils/copyright", 2_000, .osPackages)
        spec.file("/usr/lib/x86_64-linux-gnu/libc.so.6", 1_900_000, .osPackages)
        // A deb the ML rules name: its files are ml-libraries (precedence), even its README.
        spec.file("/usr/lib/x86_64-linux-gnu/libcudnn.so.8", 5_000_000, .mlLibraries)
        spec.file("/usr/share/doc/libcudnn8/README", 1_000, .mlLibraries)
        spec.file("/usr/bin/removed", 10, .other)
        spec.file("/var/cache/apt/archives/coreutils_9.1-1_amd64.deb", 3_000_000, .cachesAndLeftovers)
        spec.file("/var/lib/apt/lists/deb.debian.org_Packages", 8_000_000, .cachesAndLeftovers)
        spec.file("/etc/ld.so.cache", 20_000, .osPackages)
        let (ledger, _) = try accountAndCheck(spec)
        let coreutils = try #require(ledger.package(.deb, "coreutils"))
        #expect(coreutils.version == "9.1-1")
        #expect(coreutils.sizeBytes == 182_000)
        #expect(coreutils.fileCount == 3)
        #expect(coreutils.paths == ["/var/lib/dpkg/info/coreutils.list"])
        #expect(coreutils.scope == nil)
        #expect(ledger.package(.deb, "libc6")?.sizeBytes == 1_900_000, "multi-arch list, /lib resolved to /usr/lib")
        #expect(ledger.package(.deb, "libcudnn8")?.sizeBytes == 5_001_000)
        #expect(ledger.package(.deb, "removed") == nil)
        #expect(ledger.rules.first { $0.category == .mlLibraries }?.name == "NVIDIA CUDA libraries")
        #expect(ledger.findings("caches-and-leftovers").first?.message.hasPrefix("apt cache and lists") == true)
    }

    @Test func distrolessStatusDirectory() throws {
        var spec = TestImage()
        spec.workdir = "/"
        spec.text("/var/lib/dpkg/status.d/libssl3", "Package: libssl3\nVersion: 3.0.11-1\nArchitecture: amd64\n", .osPackages)
        spec.text("/var/lib/dpkg/status.d/libssl3.md5sums",
                  "0123456789abcdef0123456789abcdef  usr/lib/x86_64-linux-gnu/libssl.so.3\n", .osPackages)
        spec.file("/usr/lib/x86_64-linux-gnu/libssl.so.3", 700_000, .osPackages)
        spec.file("/nodejs/bin/node", 90_000_000, .other)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.deb, "libssl3")?.sizeBytes == 700_000)
        #expect(ledger.package(.deb, "libssl3")?.version == "3.0.11-1")
    }

    @Test func apkInstalledDatabase() throws {
        var spec = TestImage()
        spec.workdir = "/"
        spec.text("/lib/apk/db/installed", """
            C:Q1abc=
            P:musl
            V:1.2.4-r2
            A:x86_64
            F:lib
            R:ld-musl-x86_64.so.1
            Z:Q1xyz=
            R:libc.musl-x86_64.so.1

            P:busybox
            V:1.36.1-r15
            F:bin
            R:busybox
            F:etc
            R:securetty

            """, .osPackages)
        spec.file("/lib/ld-musl-x86_64.so.1", 600_000, .osPackages)
        spec.symlink("/lib/libc.musl-x86_64.so.1", to: "ld-musl-x86_64.so.1")
        spec.file("/bin/busybox", 800_000, .osPackages)
        spec.file("/etc/securetty", 100, .osPackages)
        spec.file("/etc/apk/world", 30, .osPackages)
        spec.file("/var/cache/apk/APKINDEX.abc.tar.gz", 900_000, .cachesAndLeftovers)
        spec.file("/etc/motd", 200, .other)
        let (ledger, _) = try accountAndCheck(spec)
        #expect(ledger.package(.apk, "musl")?.sizeBytes == 600_000)
        #expect(ledger.package(.apk, "musl")?.version == "1.2.4-r2")
        #expect(ledger.package(.apk, "busybox")?.sizeBytes == 800_100)
        #expect(ledger.package(.apk, "busybox")?.paths == ["/lib/apk/db/installed"])
        #expect(ledger.findings("caches-and-leftovers").first?.message.hasPrefix("apk cache") == true)
    }
}
