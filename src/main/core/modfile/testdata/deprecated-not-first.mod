module example.com/x // Deprecated: in suffix <html> & "quotes"
