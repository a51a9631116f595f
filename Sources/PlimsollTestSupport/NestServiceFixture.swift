/// A realistic NestJS service image, scaled down about 100x: a Debian base with dpkg records and
/// merged /usr, Node with its global npm and corepack, a pnpm install that kept devDependencies
/// and its store, `@tensorflow/tfjs-node` with its native library, an ONNX model, the source tree
/// with `.git` and `.vscode`, a build, and a `chown -R` that rewrites files. Each file declares the
/// category the accountant must put it in (Docs/accounting.md); the totals follow from the spec.
public enum NestServiceFixture {
    public static let tag = "acme/orders:1.4.0"

    /// The pnpm virtual store directory of the service.
    static let store = "app/node_modules/.pnpm"

    public static func make() -> AccountingFixture {
        var builder = AccountingFixtureBuilder(
            tags: [tag], config: ConfigSpec(workdir: "/app", cmd: ["node", "dist/main.js"]))
        builder.layer("/bin/sh -c #(nop) ADD file:4b1d8e2c in / ") { debianBase(&$0) }
        builder.layer("/bin/sh -c #(nop) COPY dir:9f00 in /usr/local") { node(&$0) }
        builder.layer("RUN /bin/sh -c corepack enable && corepack prepare pnpm@9.1.0 --activate # buildkit") { layer in
            layer.file("root/.cache/node/corepack/pnpm/9.1.0/dist/pnpm.cjs", 60_000, "caches-and-leftovers")
            layer.file("tmp/node-compile-cache/pnpm.bin", 10_000, "caches-and-leftovers")  // deleted later
        }
        builder.layer("/bin/sh -c #(nop) WORKDIR /app") { _ in }
        builder.layer("COPY package.json pnpm-lock.yaml ./ # buildkit") { layer in
            layer.text("app/package.json", servicePackageJSON, "app")
            layer.text("app/pnpm-lock.yaml", pnpmLockfile, "app")
        }
        builder.layer("RUN /bin/sh -c pnpm install --frozen-lockfile # buildkit") { pnpmInstall(&$0) }
        builder.layer("COPY . . # buildkit") { sources(&$0) }
        builder.layer("RUN /bin/sh -c pnpm run build # buildkit") { layer in
            layer.file("app/dist/main.js", 400, "app")
            layer.file("app/dist/main.js.map", 600, "app")
            layer.file("app/tsconfig.build.tsbuildinfo", 1_500, "caches-and-leftovers")
        }
        builder.layer("RUN /bin/sh -c chown -R node:node /app # buildkit") { layer in
            // chown rewrites every file it touches: the earlier copies become waste.
            layer.file("app/dist/main.js", 400, "app")
            layer.text("app/package.json", servicePackageJSON, "app")
        }
        builder.layer("RUN /bin/sh -c rm -rf /tmp/node-compile-cache # buildkit") { layer in
            layer.whiteout("tmp/node-compile-cache")
        }
        return builder.fixture
    }

    // MARK: Layers

    static func debianBase(_ layer: inout AccountingFixtureBuilder.LayerWriter) {
        for link in ["bin", "lib", "lib64", "sbin"] { layer.symlink(link, "usr/\(link)") }
        layer.text("var/lib/dpkg/status", """
            Package: base-files
            Status: install ok installed
            Architecture: amd64
            Version: 12.4+deb12u5
            Description: Debian base system miscellaneous files

            Package: bash
            Status: install ok installed
            Architecture: amd64
            Version: 5.2.15-2+b2
            Description: GNU Bourne Again SHell
             Bash is an sh-compatible command language interpreter.

            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: same
            Version: 2.36-9+deb12u4

            Package: libssl3
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: same
            Version: 3.0.11-1~deb12u2

            Package: libgone1
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 1.0-1

            """, "os-packages")
        layer.text("var/lib/dpkg/info/base-files.list", "/.\n/etc\n/etc/os-release\n/usr/share/doc/base-files/README\n", "os-packages")
        layer.text("var/lib/dpkg/info/bash.list", "/.\n/bin\n/bin/bash\n/usr/share/doc/bash/copyright\n", "os-packages")
        layer.text("var/lib/dpkg/info/libc6:amd64.list", "/.\n/lib/x86_64-linux-gnu/libc.so.6\n/usr/share/doc/libc6/copyright\n", "os-packages")
        layer.text("var/lib/dpkg/info/libssl3:amd64.list", "/.\n/usr/lib/x86_64-linux-gnu/libssl.so.3\n", "os-packages")
        // A list left by a removed package: only its config files remain, its files are gone.
        layer.text("var/lib/dpkg/info/libgone1.list", "/usr/lib/libgone.so.1\n", "os-packages")
        layer.file("usr/bin/bash", 12_000, "os-packages")
        layer.file("usr/lib/x86_64-linux-gnu/libc.so.6", 19_000, "os-packages")
        layer.file("usr/lib/x86_64-linux-gnu/libssl.so.3", 7_000, "os-packages")
        layer.file("usr/share/doc/bash/copyright", 180, "os-packages")
        layer.file("usr/share/doc/libc6/copyright", 250, "os-packages")
        layer.file("usr/share/doc/base-files/README", 100, "os-packages")
        layer.file("etc/os-release", 267, "os-packages")
        layer.file("var/cache/debconf/config.dat", 300, "os-packages")
        layer.file("etc/passwd", 900, "other")
        layer.file("etc/hostname", 13, "other")
        layer.file("usr/lib/libgone.so.1.bak", 50, "other")
        layer.file("var/log/dpkg.log", 2_000, "caches-and-leftovers")
        layer.file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", 90_000, "caches-and-leftovers")
        layer.file("var/cache/apt/pkgcache.bin", 25_000, "caches-and-leftovers")
    }

    static func node(_ layer: inout AccountingFixtureBuilder.LayerWriter) {
        layer.file("usr/local/bin/node", 950_000, "other")
        layer.symlink("usr/local/bin/npm", "../lib/node_modules/npm/bin/npm-cli.js")
        let npm = "usr/local/lib/node_modules/npm"
        layer.text(npm + "/package.json", manifest("npm", "10.2.4", dependencies: ["abbrev", "semver"]), "node-modules")
        layer.file(npm + "/bin/npm-cli.js", 5_000, "node-modules")
        layer.file(npm + "/docs/content/commands/npm-install.md", 3_000, "node-modules")
        layer.text(npm + "/node_modules/abbrev/package.json", manifest("abbrev", "2.0.0"), "node-modules")
        layer.file(npm + "/node_modules/abbrev/lib/index.js", 900, "node-modules")
        layer.text(npm + "/node_modules/semver/package.json", manifest("semver", "7.5.4"), "node-modules")
        layer.file(npm + "/node_modules/semver/index.js", 6_000, "node-modules")
        let corepack = "usr/local/lib/node_modules/corepack"
        layer.text(corepack + "/package.json", manifest("corepack", "0.23.0"), "node-modules")
        layer.file(corepack + "/dist/corepack.js", 15_000, "node-modules")
        layer.text("opt/yarn-v1.22.19/package.json", manifest("yarn", "1.22.19"), "other")
        layer.file("opt/yarn-v1.22.19/lib/cli.js", 50_000, "other")
    }

    static let servicePackageJSON = manifest(
        "orders", "1.4.0", dependencies: directDependencies.map(\.0), devDependencies: directDevDependencies.map(\.0))

    /// One package in pnpm's virtual store: its manifest, files and links to its dependencies.
    static func pnpmPackage(
        _ layer: inout AccountingFixtureBuilder.LayerWriter, _ name: String, _ version: String, dependencies: [(String, String)] = [],
        files: [(String, Int64)], category: String
    ) {
        let entry = name.replacingOccurrences("/", "+") + "@" + version
        let directory = "\(store)/\(entry)/node_modules/\(name)"
        layer.text(directory + "/package.json", manifest(name, version, dependencies: dependencies.map(\.0)), category)
        for (file, size) in files { layer.file(directory + "/" + file, size, category) }
        for (dependency, dependencyVersion) in dependencies {
            let target = dependency.replacingOccurrences("/", "+") + "@" + dependencyVersion
            let up = String(repeating: "../", count: dependency.split(separator: "/").count)
            // From .pnpm/<entry>/node_modules/[<scope>/]<dep>: up to .pnpm, then into the target entry.
            layer.symlink("\(store)/\(entry)/node_modules/\(dependency)", up + "../\(target)/node_modules/\(dependency)")
        }
    }

    /// One package of the install: name, version, its dependencies (name and the version they
    /// resolve to), its files and the category the accountant must give them.
    struct StorePackage {
        var name: String
        var version: String
        var dependencies: [(String, String)] = []
        var files: [(String, Int64)]
        var category: String
    }

    /// Every package pnpm installs, in the virtual store; the lockfile is written from the same list.
    static let storePackages: [StorePackage] = {
        let prod = "node-modules"
        let dev = "dev-dependencies"
        let ml = "ml-libraries"
        return [
            // Production dependencies.
            StorePackage(name: "@nestjs/common", version: "10.3.0", dependencies: [("tslib", "2.6.2"), ("iterare", "1.2.1")],
                         files: [("index.js", 2_000), ("index.d.ts", 1_000), ("decorators/core/index.js.map", 800)], category: prod),
            StorePackage(name: "@nestjs/core", version: "10.3.0", dependencies: [("tslib", "2.6.2")],
                         files: [("index.js", 3_000), ("README.md", 1_200)], category: prod),
            StorePackage(name: "@nestjs/platform-express", version: "10.3.0", dependencies: [("express", "4.18.2")],
                         files: [("index.js", 700)], category: prod),
            StorePackage(name: "express", version: "4.18.2", dependencies: [("debug", "2.6.9")], files: [("lib/express.js", 1_400)], category: prod),
            StorePackage(name: "debug", version: "2.6.9", dependencies: [("ms", "2.0.0")], files: [("src/index.js", 500)], category: prod),
            StorePackage(name: "ms", version: "2.0.0", files: [], category: prod),
            StorePackage(name: "iterare", version: "1.2.1", files: [("lib/index.js", 900), ("src/index.ts", 1_100)], category: prod),
            StorePackage(name: "tslib", version: "2.6.2", files: [("tslib.js", 1_600)], category: prod),
            StorePackage(name: "reflect-metadata", version: "0.2.1", files: [("Reflect.js", 1_000)], category: prod),
            StorePackage(name: "rxjs", version: "7.8.1", dependencies: [("tslib", "2.6.2")],
                         files: [("dist/cjs/index.js", 40_000), ("src/index.ts", 9_000)], category: prod),
            StorePackage(name: "node-fetch", version: "2.7.0", files: [("lib/index.js", 4_000)], category: prod),
            // ML: tfjs-node with its native library, and tfjs (pure JS, also an ML library).
            StorePackage(name: "@tensorflow/tfjs-node", version: "4.17.0", dependencies: [("@tensorflow/tfjs", "4.17.0"), ("node-fetch", "2.7.0")],
                         files: [("deps/lib/libtensorflow.so.2.9.1", 3_000_000), ("deps/lib/libtensorflow_framework.so.2", 400_000),
                                 ("lib/napi-v8/tfjs_binding.node", 20_000), ("dist/index.js", 1_000)], category: ml),
            StorePackage(name: "@tensorflow/tfjs", version: "4.17.0", files: [("dist/tf.node.js", 100_000)], category: ml),
            // Development dependencies.
            StorePackage(name: "@nestjs/cli", version: "10.3.0", dependencies: [("webpack", "5.89.0"), ("chalk", "4.1.2"), ("typescript", "5.3.3")],
                         files: [("bin/nest.js", 600)], category: dev),
            StorePackage(name: "webpack", version: "5.89.0", dependencies: [("tslib", "2.6.2")], files: [("lib/webpack.js", 50_000)], category: dev),
            StorePackage(name: "chalk", version: "4.1.2", files: [("source/index.js", 400)], category: dev),
            StorePackage(name: "typescript", version: "5.3.3", files: [("lib/typescript.js", 300_000), ("lib/lib.dom.d.ts", 30_000)], category: dev),
            StorePackage(name: "jest", version: "29.7.0", dependencies: [("debug", "4.3.4")], files: [("build/index.js", 700)], category: dev),
            StorePackage(name: "debug", version: "4.3.4", dependencies: [("ms", "2.1.3")], files: [("src/index.js", 600)], category: dev),
            StorePackage(name: "ms", version: "2.1.3", files: [("index.js", 300)], category: dev),
            StorePackage(name: "@types/node", version: "20.11.0", files: [("index.d.ts", 40_000)], category: dev),
        ]
    }()

    /// The project's direct dependencies and the versions they resolve to.
    static let directDependencies: [(String, String)] = [
        ("@nestjs/common", "10.3.0"), ("@nestjs/core", "10.3.0"), ("@nestjs/platform-express", "10.3.0"),
        ("@tensorflow/tfjs-node", "4.17.0"), ("reflect-metadata", "0.2.1"), ("rxjs", "7.8.1"),
    ]
    static let directDevDependencies: [(String, String)] = [
        ("@nestjs/cli", "10.3.0"), ("@types/node", "20.11.0"), ("jest", "29.7.0"), ("typescript", "5.3.3"),
    ]

    /// A pnpm 9 lockfile (`lockfileVersion: '9.0'`) of the install: the importer's direct
    /// dependencies, each package's resolution and each snapshot's dependencies, as pnpm writes it.
    static var pnpmLockfile: String {
        func quoted(_ key: String) -> String { key.hasPrefix("@") ? "'\(key)'" : key }
        func importerSection(_ title: String, _ entries: [(String, String)]) -> String {
            "    \(title):\n" + entries.map { "      \(quoted($0.0)):\n        specifier: '*'\n        version: \($0.1)\n" }.joined()
        }
        let sorted = storePackages.sorted { ($0.name, $0.version) < ($1.name, $1.version) }
        var text = "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\n"
        text += "importers:\n\n  .:\n" + importerSection("dependencies", directDependencies)
        text += importerSection("devDependencies", directDevDependencies) + "\npackages:\n"
        for package in sorted {
            text += "\n  \(quoted(package.name + "@" + package.version)):\n    resolution: {integrity: sha512-fixture}\n"
        }
        text += "\nsnapshots:\n"
        for package in sorted {
            text += "\n  \(quoted(package.name + "@" + package.version)):"
            if package.dependencies.isEmpty {
                text += " {}\n"
            } else {
                text += "\n    dependencies:\n" + package.dependencies.map { "      \(quoted($0.0)): \($0.1)\n" }.joined()
            }
        }
        return text
    }

    static func pnpmInstall(_ layer: inout AccountingFixtureBuilder.LayerWriter) {
        let prod = "node-modules"
        for package in storePackages {
            pnpmPackage(&layer, package.name, package.version, dependencies: package.dependencies, files: package.files, category: package.category)
            if package.name == "ms", package.version == "2.0.0" {
                // pnpm hard-links package files from its store: the bytes are the store's.
                layer.hardlink("\(store)/ms@2.0.0/node_modules/ms/index.js", "root/.local/share/pnpm/store/v3/files/3f/ms-index")
            }
        }
        // Top-level links for the project's direct dependencies.
        for (name, version) in directDependencies + directDevDependencies {
            let entry = name.replacingOccurrences("/", "+") + "@" + version
            let up = name.contains("/") ? "../" : ""
            layer.symlink("app/node_modules/\(name)", "\(up).pnpm/\(entry)/node_modules/\(name)")
        }
        layer.text("app/node_modules/.modules.yaml", """
            hoistPattern:
              - '*'
            included:
              dependencies: true
              devDependencies: true
              optionalDependencies: true
            layoutVersion: 5
            nodeLinker: isolated
            packageManager: pnpm@9.1.0
            storeDir: /root/.local/share/pnpm/store/v3
            virtualStoreDir: .pnpm

            """, prod)
        layer.file("\(store)/lock.yaml", 3_000, prod)
        // The store, kept in the image because the install ran without a cache mount.
        layer.file("root/.local/share/pnpm/store/v3/files/3f/ms-index", 2_500, "caches-and-leftovers")
        layer.file("root/.local/share/pnpm/store/v3/files/a0/5e7d-index.json", 40_000, "caches-and-leftovers")
        layer.file("root/.local/share/pnpm/store/v3/files/c1/0b9a", 460_000, "caches-and-leftovers")
    }

    static func sources(_ layer: inout AccountingFixtureBuilder.LayerWriter) {
        layer.file("app/src/main.ts", 200, "app")
        layer.file("app/src/app.module.ts", 150, "app")
        layer.file("app/test/app.e2e-spec.ts", 300, "app")
        layer.file("app/tsconfig.json", 50, "app")
        layer.file("app/README.md", 500, "app")
        layer.file("app/models/sentiment.onnx", 800_000, "ml-libraries")
        layer.file("app/.git/HEAD", 23, "caches-and-leftovers")
        layer.file("app/.git/objects/pack/pack-5d1e.pack", 250_000, "caches-and-leftovers")
        layer.file("app/.vscode/settings.json", 30, "caches-and-leftovers")
        layer.file("app/.claude/settings.local.json", 40, "caches-and-leftovers")
    }

    // MARK: package.json

    public static func manifest(_ name: String, _ version: String, dependencies: [String] = [], devDependencies: [String] = []) -> String {
        var members: [(String, FixtureJSON)] = [("name", .string(name)), ("version", .string(version))]
        if !dependencies.isEmpty { members.append(("dependencies", .object(dependencies.map { ($0, .string("*")) }))) }
        if !devDependencies.isEmpty { members.append(("devDependencies", .object(devDependencies.map { ($0, .string("*")) }))) }
        return FixtureJSON.object(members).serialised + "\n"
    }
}

extension String {
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
