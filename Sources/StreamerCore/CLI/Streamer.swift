/// The program's entry point (placeholder while the foundation lands).
public enum Streamer {
    /// Runs the command line and exits.
    public static func main() -> Never {
        fatalError("not yet")
    }
}
