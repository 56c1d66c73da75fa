/// The text of `fixture-exchange --help`.
enum HelpText {
    static let usage = """
        usage: fixture-exchange [--port N] [--tls --cert FILE --key FILE] [--once] [--pace DURATION]
                                [--routes FILE]... SESSION_FILE
               fixture-exchange [--port N] [--tls --cert FILE --key FILE] [--once] [--routes FILE]...
                                --flood FILE [--flood-count N] [--flood-seq-start N]

        A local WebSocket exchange (RFC 6455) on 127.0.0.1 for tests and demos. It replays SESSION_FILE
        to each client: checks the frames the client sends, sends recorded frames, injects faults.

          --port N          port on 127.0.0.1 (default 0: the kernel picks)
          --tls             serve wss:// with --cert (PEM chain) and --key (PEM key)
          --once            exit after the first WebSocket connection: 0 if it passed, 1 if not
                            (plain HTTP requests are served meanwhile and do not count)
          --pace DURATION   delay between data frames of send-text/send-file (200ms, 1s)
          --routes FILE     also serve the http-get routes of FILE (only http-get lines); the session's
                            own route for the same path wins
          --flood FILE      flood mode (benchmarks), no session file: after the handshake, wait for the
                            client's first text message, send the non-empty lines of FILE as text frames
                            round robin (encoded once, big writes) until --flood-count N (1000000) went
                            out, then Close 1000; '{seq}' in a line becomes --flood-seq-start N
                            (1700000000000000) plus the message index, at that number's digit count

        stdout: first 'listening ws://127.0.0.1:PORT' (or wss://), then one line per event;
        a plain HTTP request logs 'http GET /path?query STATUS'.
        Session directives: expect-text, send-text, send-file, send-fragmented, send-ping, expect-pong,
        send-close, wait-close, send-garbage, send-raw-hex, drop, reset, loop, sleep, wait-http PATH N,
        handshake-status, handshake-bad-accept, and anywhere in the file
        http-get PATH STATUS FILE... (GET PATH answers the files in turn, the last repeating; other
        paths get 404) (see Fixtures/sessions/ and the source).

        """
}
