import ArgumentParser
import ImageLoading

/// `--quiet`, and the progress bar it turns off.
struct ProgressOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Show no progress bar (none is shown either when standard error is not a terminal or CI is set).")
    var quiet = false

    /// Adds the progress bar to `options` when one should be shown; returns it so that the
    /// caller can clear it before printing.
    func attach(to options: inout LoadOptions) -> ProgressBar? {
        guard let bar = ProgressBar.make(quiet: quiet) else { return nil }
        options.progress = bar.callback
        return bar
    }
}
