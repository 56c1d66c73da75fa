import StreamerCore

Streamer.main()
