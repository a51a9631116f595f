import ImageModel
import SizeAccounting
import Testing

/// Python distributions from `*.dist-info` (RECORD and METADATA).
@Suite struct PythonPackageTests {
    @Test func sitePackages() throws {
        var spec = TestImage()
        spec.workdir = "/srv"
        let site = "/usr/local/lib/python3.11/site-packages"
        spec.text(site + "/numpy-1.26.2.dist-info/METADATA", "Metadata-Version: 2.1\nName: numpy\nVersion: 1.26.2\n\nNumPy.\n", .other)
        spec.text(site + "/numpy-1.26.2.dist-info/RECORD", """
            numpy/__init__.py,sha256=abc,5000
            numpy/core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so,sha256=def,9000000
            "numpy/odd,name.py",sha256=ghi,10
            ../../../bin/f2py,sha256=jkl,300
            numpy-1.26.2.dist-info/METADATA,,
            numpy-1.26.2.dist-info/RECORD,,

            """, .other)
        spec.file(site + "/numpy/__init__.py", 5_000, .other)
        spec.file(site + "/numpy/core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", 9_000_000, .other)
        spec.file(site + "/numpy/odd,name.py", 10, .other)
        spec.file("/usr/local/bin/f2py", 300, .other)
        // torch: an ML distribution by name, wherever its files are.
        spec.text(site + "/torch-2.1.0+cpu.dist-info/METADATA", "Name: torch\nVersion: 2.1.0+cpu\n", .mlLibraries)
        spec.text(site + "/torch-2.1.0+cpu.dist-info/RECORD", "torch/__init__.py,,\ntorch/lib/libtorch_cpu.so,,\n", .mlLibraries)
        spec.file(site + "/torch/__init__.py", 50_000, .mlLibraries)
        spec.file(site + "/torch/lib/libtorch_cpu.so", 400_000_000, .mlLibraries)
        // nvidia wheels: "nvidia_cudnn_cu12" normalises to "nvidia-cudnn-cu12".
        spec.text(site + "/nvidia_cudnn_cu12-8.9.2.26.dist-info/METADATA", "Name: nvidia-cudnn-cu12\nVersion: 8.9.2.26\n", .mlLibraries)
        spec.text(site + "/nvidia_cudnn_cu12-8.9.2.26.dist-info/RECORD", "nvidia/cudnn/lib/libcudnn_ops.so.8,,\n", .mlLibraries)
        spec.file(site + "/nvidia/cudnn/lib/libcudnn_ops.so.8", 100_000_000, .mlLibraries)
        spec.file("/root/.cache/pip/http-v2/a/b/c", 2_000_000, .cachesAndLeftovers)
        spec.file("/srv/app.py", 900, .app)
        let (ledger, _) = try accountAndCheck(spec)
        let numpy = try #require(ledger.package(.pypi, "numpy"))
        #expect(numpy.version == "1.26.2")
        #expect(numpy.fileCount == 6, "RECORD's files, including its own dist-info files and the script in bin/")
        #expect(numpy.paths == [site + "/numpy-1.26.2.dist-info"])
        let torch = try #require(ledger.package(.pypi, "torch"))
        #expect(torch.version == "2.1.0+cpu")
        #expect(ledger.package(.pypi, "nvidia-cudnn-cu12")?.sizeBytes ?? 0 > 100_000_000)
        #expect(ledger.findings("caches-and-leftovers").first?.message.hasPrefix("pip cache") == true)
    }
}
