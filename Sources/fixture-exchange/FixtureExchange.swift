import Foundation

/// The command: parse options, load the session, listen on 127.0.0.1, serve each client on its own thread.
enum FixtureExchange {
    /// Exit statuses (sysexits.h where one fits).
    enum Status {
        static let passed: Int32 = 0
        static let failed: Int32 = 1
        static let usage: Int32 = 64
        static let badSession: Int32 = 65
        static let badTLSFiles: Int32 = 66
        static let cannotListen: Int32 = 71
        /// EX_SOFTWARE: OpenSSL's HMAC-SHA256 does not reproduce the known answer.
        static let selfTestFailed: Int32 = 70
    }

    /// Runs the program; never returns.
    static func main(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        let options: Options
        do {
            options = try Options.parse(arguments)
        } catch {
            fail("\(error) (see 'fixture-exchange --help')", status: Status.usage)
        }
        if options.showHelp {
            Platform.writeAll(1, Array(HelpText.usage.utf8))
            Platform.terminate(Status.passed)
        }
        Platform.ignoreBrokenPipes()
        var script = Script()
        var flood: FloodPlan?
        if let floodFile = options.floodFile {
            do {
                flood = try FloodPlan.load(
                    path: floodFile, count: options.floodCount, sequenceStart: options.floodSequenceStart)
            } catch {
                fail("\(error)", status: Status.badSession)
            }
        } else {
            do {
                script = try Script.load(path: options.sessionFile)
            } catch {
                fail("\(options.sessionFile): \(error)", status: Status.badSession)
            }
        }
        for file in options.routeFiles {
            do {
                try script.addRoutes(of: Script.load(path: file))
            } catch {
                fail("\(file): \(error)", status: Status.badSession)
            }
        }
        if script.needsCredentials && options.credentials == nil {
            fail(
                "the session's auth directives need '--api-key KEY --api-secret SECRET' (see 'fixture-exchange --help')",
                status: Status.usage)
        }
        if options.credentials != nil && !HMACSHA256.passesKnownAnswerTest {
            fail("HMAC-SHA256 does not reproduce the documented test vector", status: Status.selfTestFailed)
        }
        var tls: TLSContext?
        if options.tls, let certificate = options.certificateFile, let key = options.keyFile {
            do {
                tls = try TLSContext(certificateFile: certificate, keyFile: key)
            } catch {
                fail("\(error)", status: Status.badTLSFiles)
            }
        }
        let listener: Listener
        do {
            listener = try Listener(port: options.port)
        } catch {
            fail("cannot listen: \(error)", status: Status.cannotListen)
        }
        let log = EventLog()
        log.write("listening \(tls == nil ? "ws" : "wss")://127.0.0.1:\(listener.port)")
        let handler = ConnectionHandler(
            script: script, pace: options.pace, tls: tls, log: log, routes: HTTPRouteTable(script.httpRoutes),
            onceGate: options.once ? OnceGate() : nil, flood: flood, credentials: options.credentials)
        guard options.once else { serve(listener, handler) { _ in } }
        // --once: plain HTTP requests (REST routes) are served meanwhile; the first WebSocket attempt decides.
        let completion = Completion()
        Thread { serve(listener, handler) { passed in completion.finish(passed: passed) } }.start()
        Platform.terminate(completion.wait() ? Status.passed : Status.failed)
    }

    /// Accepts clients forever, each on its own thread; `webSocketDone` gets each WebSocket attempt's result.
    private static func serve(
        _ listener: Listener, _ handler: ConnectionHandler, webSocketDone: @escaping @Sendable (Bool) -> Void
    ) -> Never {
        while true {
            let fd: Int32
            do {
                fd = try listener.nextClient()
            } catch {
                fail("cannot accept: \(error)", status: Status.cannotListen)
            }
            Thread {
                if case .webSocket(let passed) = handler.serve(fd: fd) { webSocketDone(passed) }
            }.start()
        }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        Platform.writeAll(2, Array("fixture-exchange: \(message)\n".utf8))
        Platform.terminate(status)
    }
}
