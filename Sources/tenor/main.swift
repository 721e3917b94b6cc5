print("tenor")
