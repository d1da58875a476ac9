x = 1 <!-- comment
--> another
y = 2
