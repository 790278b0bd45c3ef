module example.com/x
/* nope */
