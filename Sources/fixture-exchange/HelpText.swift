/// The text of `fixture-exchange --help`.
enum HelpText {
    static let usage = """
        usage: fixture-exchange [--port N] [--tls --cert FILE --key FILE] [--once] [--pace DURATION]
                                [--routes FILE]... [--api-key KEY --api-secret SECRET [--user-id N]]
                                SESSION_FILE
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
          --api-key KEY     with --api-secret SECRET: the key pair signed requests must use. Serves
                            POST /api/v2/websockets_token/ (Bitstamp HTTP API v2 signature, 403 with
                            API0001/0004/0005/0010/0013-0020 when wrong; logs 'token minted N' or
                            'token refused CODE') and enables the auth directives; the secret is
                            never logged
          --user-id N       the token answer's user_id (default 4848701)

        stdout: first 'listening ws://127.0.0.1:PORT' (or wss://), then one line per event;
        a plain HTTP request logs 'http GET /path?query STATUS'.
        Session directives: expect-text, send-text, send-file, send-fragmented, send-ping, expect-pong,
        send-close, wait-close, send-garbage, send-raw-hex, drop, reset, loop, sleep, wait-http PATH N,
        handshake-status, handshake-bad-accept, and anywhere in the file
        http-get PATH STATUS FILE... (GET PATH answers the files in turn, the last repeating; other
        paths get 404) (see Fixtures/sessions/ and the source).
        With --api-key/--api-secret:
          expect-auth-subscribe CHANNEL  the Bitstamp subscribe {"event":"bts:subscribe","data":
                            {"channel":CHANNEL,"auth":TOKEN}}; TOKEN must be the newest minted, under
                            60 s old, not revoked and not used on another connection: logs
                            'auth-subscribe ok CHANNEL' and acknowledges; else logs 'auth-subscribe
                            rejected REASON', sends bts:error 4009 and awaits the next subscribe
          send-unauthorized  revoke the newest token (logs 'token revoked N') and send the bts:error 4009
          expect-authenticate  Bitvavo {"action":"authenticate",...}: key, window 100-60000, timestamp
                            within window, signature = hex HMAC-SHA256(secret, TIMESTAMP+GET/v2/websocket)
                            ('authenticate ok'); else 'authenticate refused CODE' (303/304/305/308/309),
                            the error reply, the session fails and waits for the client's Close

        """
}
