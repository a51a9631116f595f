import PlimsollTestSupport

/// The example images README's first command checks against the shipped `Baselines/`: one that
/// passes, one over the 500 MB warning, and a finance-like image over its 8 GB ceiling. Content
/// is zero-filled and layers are zstd-compressed, so gigabytes of content take kilobytes on disk.
enum ExampleImages {
    static let megabyte: Int64 = 1_000_000

    /// debian:bookworm-slim, roughly.
    static let baseLayer = LayerSpec(
        [
            .file("etc/os-release", text: "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"),
            .file("usr/lib/x86_64-linux-gnu/libc.so.6", size: 1_922_136),
            .file("usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", size: 2_190_440),
            .file("usr/lib/x86_64-linux-gnu/libcrypto.so.3", size: 4_709_656),
            .file("usr/lib/x86_64-linux-gnu/libssl.so.3", size: 696_920),
            .file("usr/bin/bash", size: 1_265_648),
            .file("usr/bin/perl", size: 3_478_448),
            .file("usr/lib/locale/C.utf8/LC_CTYPE", size: 346_132),
            .file("usr/share/perl/5.36.0/unicore/lib.pl", size: 40_000_000),
            .file("usr/share/doc/bundle.txt", size: 12_000_000),
            .file("var/lib/dpkg/status", size: 89_312),
        ], compression: .zstd, createdBy: "/bin/sh -c #(nop) ADD file:4b1be1de1a1e1d1 in / ")

    static let nodeLayer = LayerSpec(
        [
            .file("usr/local/bin/node", size: 96_012_184),
            .file("usr/local/lib/node_modules/npm/lib/npm.js", size: 9_100_000),
            .file("usr/local/lib/node_modules/corepack/dist/corepack.js", size: 1_300_000),
            .symlink("usr/local/bin/npm", target: "../lib/node_modules/npm/bin/npm-cli.js"),
        ], compression: .zstd, createdBy: "/bin/sh -c set -ex && curl -fsSLO https://nodejs.org/dist/v20.18.1/node-v20.18.1-linux-x64.tar.xz && tar -xJf node-v20.18.1-linux-x64.tar.xz -C /usr/local --strip-components=1")

    static func nest(_ version: String = "10.4.15") -> [NpmPackage] {
        [
            NpmPackage(name: "@nestjs/core", version: version, files: [("index.js", 1_400_000)]),
            NpmPackage(name: "@nestjs/common", version: version, files: [("index.js", 1_100_000)]),
            NpmPackage(name: "@nestjs/platform-express", version: version, files: [("index.js", 300_000)]),
            NpmPackage(name: "express", version: "4.21.2", files: [("index.js", 220_000)]),
            NpmPackage(name: "rxjs", version: "7.8.1", files: [("dist/bundles/rxjs.umd.js", 4_500_000), ("index.js", 100_000)]),
            NpmPackage(name: "reflect-metadata", version: "0.2.2", files: [("Reflect.js", 120_000)]),
            NpmPackage(name: "typeorm", version: "0.3.20", files: [("index.js", 18_000_000)]),
            NpmPackage(name: "pg", version: "8.13.1", files: [("lib/index.js", 450_000)]),
        ]
    }

    static func devTools() -> [NpmPackage] {
        [
            NpmPackage(name: "typescript", version: "5.7.2", files: [("lib/typescript.js", 22_800_000)], dev: true),
            NpmPackage(name: "@nestjs/cli", version: "10.4.9", files: [("index.js", 3_200_000)], dev: true),
            NpmPackage(name: "@swc/core-linux-x64-gnu", version: "1.10.1", files: [("swc.linux-x64-gnu.node", 46_500_000)], dev: true),
            NpmPackage(name: "jest", version: "29.7.0", files: [("build/index.js", 31_000_000)], dev: true),
            NpmPackage(name: "webpack", version: "5.97.1", files: [("lib/index.js", 28_400_000)], dev: true),
            NpmPackage(name: "eslint", version: "9.16.0", files: [("lib/api.js", 19_700_000)], dev: true),
        ]
    }

    static func appLayers(project: PnpmProject, distBytes: Int64) -> [LayerSpec] {
        [
            LayerSpec(
                [.file("app/package.json", text: project.packageJSON), .file("app/pnpm-lock.yaml", size: 412_000)],
                compression: .zstd, createdBy: "COPY package.json pnpm-lock.yaml ./ # buildkit"),
            LayerSpec(project.installEntries(), compression: .zstd, createdBy: "RUN /bin/sh -c pnpm install --frozen-lockfile # buildkit"),
            LayerSpec(
                [.file("app/dist/main.js", size: distBytes), .file("app/dist/main.js.map", size: distBytes * 3)],
                compression: .zstd, createdBy: "COPY dist/ ./dist/ # buildkit"),
        ]
    }

    /// ~170 MB: production dependencies only, no caches. Passes.
    static var configuration: ImageSpec {
        let project = PnpmProject(root: "app", name: "@acme/configuration", packages: nest())
        return ImageSpec(
            tags: ["plimsoll-examples/configuration:1.0"],
            layers: [baseLayer, nodeLayer] + appLayers(project: project, distBytes: 900_000),
            config: ConfigSpec(user: "node", workdir: "/app", cmd: ["node", "dist/main.js"]))
    }

    /// ~700 MB: dev dependencies installed, a pnpm store and apt caches left behind. Warns.
    static var notification: ImageSpec {
        let packages =
            nest() + devTools() + [
                NpmPackage(name: "googleapis", version: "144.0.0", files: [("build/src/index.js", 112_000_000)]),
                NpmPackage(name: "firebase-admin", version: "13.0.1", files: [("lib/index.js", 31_000_000)]),
                NpmPackage(name: "@aws-sdk/client-sns", version: "3.709.0", files: [("dist-cjs/index.js", 5_400_000)]),
                NpmPackage(name: "twilio", version: "5.3.7", files: [("lib/index.js", 15_600_000)]),
                NpmPackage(name: "nodemailer", version: "6.9.16", files: [("lib/nodemailer.js", 550_000)]),
            ]
        let project = PnpmProject(root: "app", name: "@acme/notification", packages: packages)
        let leftovers = LayerSpec(
            [
                .file("root/.local/share/pnpm/store/v3/files/00/index-cache", size: 148_000_000),
                .file("var/cache/apt/archives/libvips42_8.14.1-3_amd64.deb", size: 1_240_000),
                .file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", size: 44_000_000),
            ], compression: .zstd, createdBy: "RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends libvips42 # buildkit")
        return ImageSpec(
            tags: ["plimsoll-examples/notification:1.0"],
            layers: [baseLayer, nodeLayer, leftovers] + appLayers(project: project, distBytes: 1_300_000),
            config: ConfigSpec(workdir: "/app", cmd: ["node", "dist/main.js"]))
    }

    /// ~8.5 GB like the real finance service: TensorFlow and ONNX native libraries, canvas with
    /// GL libraries, dev dependencies, a model, and a `chown -R` layer that copies node_modules
    /// again. Over its 8 GB ceiling: fails.
    static var finance: ImageSpec {
        let tensorflow = NpmPackage(
            name: "@tensorflow/tfjs-node", version: "4.22.0",
            files: [("deps/lib/libtensorflow.so.2.9.1", 885_000_000), ("deps/lib/libtensorflow_framework.so.2.9.1", 41_000_000),
                    ("lib/napi-v8/tfjs_binding.node", 2_100_000)])
        let packages =
            nest() + devTools() + [
                tensorflow,
                NpmPackage(
                    name: "@tensorflow/tfjs-node-gpu", version: "4.22.0",
                    files: [("deps/lib/libtensorflow.so.2.9.1", 1_250_000_000), ("deps/lib/libtensorflow_framework.so.2.9.1", 41_000_000)]),
                NpmPackage(name: "@tensorflow/tfjs", version: "4.22.0", files: [("dist/tf.node.js", 61_000_000)]),
                NpmPackage(name: "onnxruntime-node", version: "1.20.1", files: [("bin/napi-v3/linux/x64/libonnxruntime.so.1.20.1", 318_000_000)]),
                NpmPackage(name: "canvas", version: "2.11.2", files: [("build/Release/canvas.node", 4_100_000), ("build/Release/libcairo.so.2", 175_000_000)]),
                NpmPackage(name: "sharp", version: "0.33.5", files: [("build/Release/sharp-linux-x64.node", 600_000)]),
                NpmPackage(name: "@img/sharp-libvips-linux-x64", version: "1.0.4", files: [("lib/libvips-cpp.so.42", 19_000_000)]),
                NpmPackage(name: "exceljs", version: "4.4.0", files: [("dist/exceljs.js", 21_000_000)]),
                NpmPackage(name: "pdfkit", version: "0.15.1", files: [("js/pdfkit.js", 9_000_000)]),
            ]
        let project = PnpmProject(root: "app", name: "@acme/finance", packages: packages)
        let nativeLibraries = LayerSpec(
            [
                .file("usr/lib/x86_64-linux-gnu/libGL.so.1.7.0", size: 472_000),
                .file("usr/lib/x86_64-linux-gnu/dri/swrast_dri.so", size: 31_000_000),
                .file("usr/lib/x86_64-linux-gnu/libLLVM-15.so.1", size: 118_000_000),
                .file("usr/lib/x86_64-linux-gnu/libcairo.so.2.11600.0", size: 1_180_000),
                .file("usr/lib/x86_64-linux-gnu/libpango-1.0.so.0", size: 330_000),
                .file("usr/lib/x86_64-linux-gnu/librsvg-2.so.2", size: 7_400_000),
                .file("usr/lib/x86_64-linux-gnu/libjpeg.so.62", size: 420_000),
                .file("usr/lib/gcc/x86_64-linux-gnu/12/cc1plus", size: 35_000_000),
                .file("usr/include/bundle.h", size: 62_000_000),
                .file("var/cache/apt/archives/bundle.deb", size: 141_000_000),
            ], compression: .zstd,
            createdBy: "RUN /bin/sh -c apt-get update && apt-get install -y build-essential python3 libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libgl1-mesa-dri # buildkit")
        let model = LayerSpec(
            [
                .file("app/models/forecast/saved_model.pb", size: 4_800_000),
                .file("app/models/forecast/variables/variables.data-00000-of-00001", size: 1_900_000_000),
                .file("app/models/forecast/variables/variables.index", size: 21_000),
            ], compression: .zstd, createdBy: "COPY models/ ./models/ # buildkit")
        // `chown -R node:node /app` after the install copies every file of node_modules into a new
        // layer: the classic doubling, counted as waste.
        var chownEntries: [EntrySpec] = []
        for package in project.packages {
            let directory = package.directory(root: "app")
            chownEntries.append(.file(directory + "/package.json", text: #"{"name": "\#(package.name)", "version": "\#(package.version)", "main": "index.js"}"# + "\n"))
            chownEntries += package.files.map { .file(directory + "/" + $0.path, size: $0.bytes) }
        }
        let chown = LayerSpec(chownEntries, compression: .zstd, createdBy: "RUN /bin/sh -c chown -R node:node /app # buildkit")
        return ImageSpec(
            tags: ["plimsoll-examples/finance:1.0"],
            layers: [baseLayer, nativeLibraries, nodeLayer] + appLayers(project: project, distBytes: 3_400_000) + [model, chown],
            config: ConfigSpec(workdir: "/app", cmd: ["node", "dist/main.js"]))
    }

    static let all: [(file: String, spec: ImageSpec)] = [
        ("configuration.tar", configuration), ("notification.tar", notification), ("finance.tar", finance),
    ]
}
