AutobahnClient.main()
