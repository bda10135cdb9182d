print("cfnkit")
