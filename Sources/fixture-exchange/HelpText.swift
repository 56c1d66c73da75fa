/// The text of `fixture-exchange --help`.
enum HelpText {
    static let usage = """
        usage: fixture-exchange [--port N] [--tls --cert FILE --key FILE] [--once] [--pace DURATION] SESSION_FILE

        A local WebSocket exchange (RFC 6455) on 127.0.0.1 for tests and demos. It replays SESSION_FILE
        to each client: checks the frames the client sends, sends recorded frames, injects faults.

          --port N          port on 127.0.0.1 (default 0: the kernel picks)
          --tls             serve wss:// with --cert (PEM chain) and --key (PEM key)
          --once            exit after the first connection: 0 if it passed, 1 if not
          --pace DURATION   delay between data frames of send-text/send-file (200ms, 1s)

        stdout: first 'listening ws://127.0.0.1:PORT' (or wss://), then one line per event.
        Session directives: expect-text, send-text, send-file, send-fragmented, send-ping, expect-pong,
        send-close, wait-close, send-garbage, send-raw-hex, drop, reset, loop, sleep,
        handshake-status, handshake-bad-accept (see Fixtures/sessions/ and the source).

        """
}
