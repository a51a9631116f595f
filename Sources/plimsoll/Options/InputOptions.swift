import ArgumentParser
import ImageLoading
import ImageModel

/// Options shared by every command that reads images.
struct InputOptions: ParsableArguments {
    @Option(help: "Platform to read from a multi-platform image: os/arch[/variant] (default: the only one, else linux/amd64).")
    var platform: String?

    @Option(help: "Read only the image with this tag from a tarball that holds several.")
    var image: String?

    func validate() throws {
        if let platform, Platform(parsing: platform) == nil {
            throw ValidationError("--platform must look like os/arch or os/arch/variant, not '\(platform)'")
        }
    }

    func loadOptions(capture: CapturePolicy = .nothing) -> LoadOptions {
        LoadOptions(platform: platform.flatMap(Platform.init(parsing:)), imageTag: image, capture: capture)
    }

    static func input(_ argument: String) -> ImageInput {
        argument == "-" ? .standardInput : .path(argument)
    }
}

/// How sizes print.
struct UnitOptions: ParsableArguments {
    @Flag(help: "Print sizes in binary units (MiB = 1,048,576 bytes) instead of decimal (MB = 1,000,000 bytes).")
    var binary = false
}
