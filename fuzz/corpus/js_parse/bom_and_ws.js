  	 　var x = 1
