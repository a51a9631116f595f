import ArchiveIO
import ImageModel
import RemoteImages

extension ImageLoader {
    /// Reads an image from a Docker Engine: negotiates the API version, then reads
    /// `GET /images/NAME/get` (a `docker save` tar) from the socket straight into the stream reader.
    func loadEngine(_ name: String, inputName: String, meter: ProgressMeter?) throws(ImageLoadingError) -> [LoadedImage] {
        let client = EngineClient(endpoint: options.remote.engine)
        let stream: EngineStream
        do {
            stream = try client.saveStream(name)
        } catch let error {
            throw ImageLoadingError(input: inputName, problem: .remote(error.description))
        }
        let outer: ArchiveReader
        do {
            outer = try ArchiveReader.open(source: stream, concatenated: false)
        } catch let error as ArchiveError {
            throw ImageLoadingError(input: inputName, problem: LayerScanner.classify(error))
        } catch {
            throw ImageLoadingError(input: inputName, problem: .corrupt("\(error)"))
        }
        return try loadStream(outer, inputName: inputName, meter: meter)
    }
}
