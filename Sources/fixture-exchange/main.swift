FixtureExchange.main()
