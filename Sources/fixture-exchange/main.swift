print("fixture-exchange placeholder")
